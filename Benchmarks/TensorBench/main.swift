import Tensor
print(BLAS.ensureConfigured())
