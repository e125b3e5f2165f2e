# harness: rules for build/scbench (filled in by the harness part).
