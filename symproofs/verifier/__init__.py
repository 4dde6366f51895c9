"""The verifier: goals of a derivation checked by an ordered table of strategies
(pipeline, strategies), refuted by the probe, with rewriting, sums, worker
isolation and the result cache."""
