// Matrix types shared by the core and every plugin: float32, row-major, one
// sample per row. Views (Ref/Map) let callers pass blocks of preallocated
// buffers without copying or allocating.
#pragma once
#include <Eigen/Core>

namespace neurite {
using Index = Eigen::Index;
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using MatrixRef = Eigen::Ref<Matrix>;
using ConstMatrixRef = Eigen::Ref<const Matrix>;
}  // namespace neurite
