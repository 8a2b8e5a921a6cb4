import Linalg
let a = Matrix<Double>.identity(3)
print((a * a).norm1, BLASThreads.libraryDescription)
