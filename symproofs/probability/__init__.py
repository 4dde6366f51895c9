"""The probability algebra: laws, random variables, moments, the probability
space (expectation rewriting) and the concrete models that refute."""
