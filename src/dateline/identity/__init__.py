"""Entity identity: when names stand for one referent, and linking across articles."""
