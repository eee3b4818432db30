#!/usr/bin/python3
"""Reference numbers for tests/results/{metrics,statistics}_test.cpp, from
scikit-learn and SciPy. Prints C++ initialisers; the tests hold the output.
Run: /usr/bin/python3 tests/reference/make_compare_reference.py"""
import numpy as np
from scipy import stats
from sklearn.metrics import precision_recall_fscore_support

# Confusion matrices: row = true class, column = predicted class.
matrices = {
    "three_classes": [[5, 1, 0], [2, 3, 1], [0, 4, 6]],
    # class 2 is never true; class 3 neither true nor predicted (left out).
    "unused_classes": [[4, 1, 2, 0], [0, 3, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
    # class 1 is never predicted: its precision divides by zero -> 0.
    "never_predicted": [[7, 0], [3, 0]],
}
for name, m in matrices.items():
    m = np.array(m)
    y_true, y_pred = [], []
    for t in range(m.shape[0]):
        for p in range(m.shape[1]):
            y_true += [t] * m[t, p]
            y_pred += [p] * m[t, p]
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="macro", zero_division=0)
    print(f"{name}: precision {p!r}, recall {r!r}, f1 {f!r}")

for p, df in [(0.975, 1), (0.975, 2), (0.975, 4), (0.975, 9), (0.975, 29), (0.95, 3.5), (0.025, 7)]:
    print(f"t quantile p={p} df={df}: {stats.t.ppf(p, df)!r}")

a = [0.86, 0.91, 0.82]
b = [0.96, 0.93, 0.98, 0.95]
c = [0.85, 0.88, 0.84]
d = [0.96, 0.97, 0.98]
e = [0.86, 0.85, 0.87, 0.86]
for x, y in [(b, a), (c, a), (d, e)]:
    res = stats.ttest_ind(x, y, equal_var=False)
    print(f"welch {x} vs {y}: t {res.statistic!r} p {res.pvalue!r}")
