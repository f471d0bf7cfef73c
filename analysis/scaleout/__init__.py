"""Scale-out extraction: a Ray job (cluster) writes Parquet partitions (partitions), which
`quotedesk load` merges into a store through ingest's write path (load)."""
