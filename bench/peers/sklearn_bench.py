#!/usr/bin/python3
"""scikit-learn peer: trains a neurite workload with MLPClassifier (the same
hidden layers, activation, solver, batch size, learning rate, momentum or Adam
betas) and prints one JSON object with the training time and samples/s.

    /usr/bin/python3 bench/peers/sklearn_bench.py WORKLOAD.yaml [--epochs E] [--max-samples M]
        [--logistic]

Differences that scikit-learn imposes (noted in bench/README.md):
  - two classes get one logistic output unit instead of two softmax units;
  - `alpha` (its L2 penalty) stands in for weight_decay: alpha / batch_rows * W is
    added to the gradient, so alpha = weight_decay * batch_size gives torch's update;
  - a softmax regression (no hidden layer) is MLPClassifier(hidden_layer_sizes=());
  - it computes in float32 when given float32 data (scikit-learn >= 1.2), in
    float64 otherwise; the JSON says which.
--logistic: LogisticRegression(solver='saga', multinomial) on the same data instead,
  a different algorithm (incremental, per-sample) reported for information only.
fit() is timed, with early stopping off and n_iter_no_change > epochs so every epoch runs.
"""
import argparse
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spec as specs  # noqa: E402

import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

ACT = {"tanh": "tanh", "relu": "relu", "sigmoid": "logistic", "identity": "identity"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workload")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--max-samples", type=int)
    ap.add_argument("--logistic", action="store_true")
    a = ap.parse_args()
    spec = specs.load(a.workload)[0]
    xtr, ytr, _, _, _ = specs.prepare(spec)
    if a.max_samples:
        xtr, ytr = xtr[:a.max_samples], ytr[:a.max_samples]
    epochs = a.epochs or int(spec["training"]["epochs"])
    warnings.simplefilter("ignore", ConvergenceWarning)
    o, t = spec["optimizer"], spec["training"]
    if a.logistic:
        model = LogisticRegression(solver="saga", max_iter=epochs, tol=0.0, C=1e9)
    else:
        dense = [int(p["units"]) for kind, p in spec["layers"] if kind == "dense"]
        acts = [p for kind, p in spec["layers"] if kind == "activation" and p in ACT]
        bs = min(int(t["batch_size"]), len(ytr))
        common = dict(hidden_layer_sizes=tuple(dense[:-1]), activation=ACT[acts[0]] if acts else "relu",
                      solver=o["name"], alpha=float(o.get("weight_decay", 0.0)) * bs, batch_size=bs,
                      learning_rate_init=float(o.get("learning_rate", 0.001)), max_iter=epochs,
                      shuffle=bool(t["shuffle"]), random_state=spec["seed"], tol=0.0,
                      n_iter_no_change=epochs + 1, early_stopping=False)
        if o["name"] == "sgd":
            m = float(o.get("momentum", 0.0))
            common.update(learning_rate="constant", momentum=m,
                          nesterovs_momentum=bool(o.get("nesterov", False)) and m > 0)
        elif o["name"] == "adam":
            common.update(beta_1=o.get("beta1", 0.9), beta_2=o.get("beta2", 0.999), epsilon=o.get("eps", 1e-8))
        model = MLPClassifier(**common)
    start = time.perf_counter()
    model.fit(xtr, ytr)
    seconds = time.perf_counter() - start
    done = int(getattr(model, "n_iter_", epochs))
    done = int(done[0]) if hasattr(done, "__len__") else done
    dtype = str(model.coefs_[0].dtype) if hasattr(model, "coefs_") else str(model.coef_.dtype)
    n = len(ytr) * done
    print(json.dumps({"peer": "sklearn-logistic" if a.logistic else "sklearn", "sklearn": sklearn.__version__,
                      "samples": n, "seconds": seconds, "samples_per_s": n / seconds, "epochs": done,
                      "dtype": dtype}))


if __name__ == "__main__":
    main()
