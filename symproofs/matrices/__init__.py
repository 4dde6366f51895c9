"""The matrix algebra: symbolic linear algebra, normal forms, calculus, exact
intervals, bounds, instances and concrete models, and the algebra (space) that
the verifier calls."""
