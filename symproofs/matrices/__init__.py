"""The matrix algebra, in layers (each imports only those before it):
diagonal (sympy's DiagMatrix.doit, its assumptions query remembered) →
linalg (matrix constructs) → forms (normal forms) → calculus (gradients) and
intervals (exact bounds) → instances (explicit evaluation at concrete
shapes) and polynomials (the fast exact check there) → setting (the
configuration and the symbolic forms) → bounds (inequalities, limits,
logical steps) and models (concrete models that refute), then implications
(``=>`` between matrix equations on those models) → space (MatrixAlgebra,
the algebra the verifier calls)."""
