# workloads: rules for the host workload binaries (filled in by the workloads part).
