.PHONY: check test demo bench
check:          ## lint and type-check
	.venv/bin/ruff check src tests bench
	.venv/bin/mypy
test:           ## the whole default suite (creates .venv when missing)
	bash scripts/test
demo:           ## ingest the bundled sample corpus into dateline.db
	bash scripts/demo
bench:          ## throughput benchmark
	.venv/bin/python bench/throughput.py
