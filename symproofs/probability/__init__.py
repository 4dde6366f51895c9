"""The probability algebra, in layers (each imports only those before it):
laws (distributions) → variables (E, Var, Cov, families) → declarations (what
a space declared, the random atoms) → moments (the exact expectation engine)
→ models (concrete models that refute) → space (ProbabilitySpace, the
algebra the verifier calls)."""
