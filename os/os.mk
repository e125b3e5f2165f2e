# os: rules for build/refos (filled in by the kernel part).
