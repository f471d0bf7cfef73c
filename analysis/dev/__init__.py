"""Tooling beside the pipeline: benchmarks (bench, perf, synth), evaluation against the gold
sets (evaluate, predictions, names_eval) and training of the extractor's models (training,
name_training). Nothing in the pipeline imports it; the `quotedesk` commands bench, perf,
eval and names call into it."""
