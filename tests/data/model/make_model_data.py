#!/usr/bin/python3
"""Writes the small tables of tests/data/model/ (neurite predict / evaluate /
export tests). Deterministic: run it again and the files do not change.
  parcels.csv          120 rows: size, colour (categorical), weight (some NA),
                       label small/medium/large from size + weight
  parcels_new.csv      columns in another order, no label, an unseen colour,
                       a missing weight
  parcels_labelled.csv 30 new rows with their labels
  moons_points.csv     x1,x2 rows (no label), moons_labelled.csv with label
  sine_points.csv      x1,y rows of y = sin(x1)
"""
import csv
import math
import random

rng = random.Random(11)
COLOURS = ["red", "green", "blue"]


def parcel(rng):
    size = round(rng.uniform(0.5, 10.0), 2)
    colour = rng.choice(COLOURS)
    weight = round(size * 1.5 + rng.gauss(0.0, 1.0) + (2.0 if colour == "blue" else 0.0), 2)
    score = size + 0.3 * weight
    label = "small" if score < 5 else "medium" if score < 10 else "large"
    return size, colour, weight, label


def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


rows = []
for i in range(120):
    size, colour, weight, label = parcel(rng)
    rows.append([size, colour, "NA" if i % 17 == 5 else weight, label])
write("parcels.csv", ["size", "colour", "weight", "label"], rows)

new = []
for i in range(12):
    size, colour, weight, _ = parcel(rng)
    if i == 3:
        colour = "purple"  # never seen in training: encodes as all zeros
    new.append([colour, "" if i == 7 else weight, size])
write("parcels_new.csv", ["colour", "weight", "size"], new)

labelled = [list(parcel(rng)) for _ in range(30)]
write("parcels_labelled.csv", ["size", "colour", "weight", "label"], labelled)


def moon(rng):
    if rng.random() < 0.5:
        t = rng.uniform(0, math.pi)
        return [round(math.cos(t) + rng.gauss(0, 0.1), 4), round(math.sin(t) + rng.gauss(0, 0.1), 4), 0]
    t = rng.uniform(0, math.pi)
    return [round(1 - math.cos(t) + rng.gauss(0, 0.1), 4), round(0.5 - math.sin(t) + rng.gauss(0, 0.1), 4), 1]


moons = [moon(rng) for _ in range(40)]
write("moons_points.csv", ["x1", "x2"], [m[:2] for m in moons])
write("moons_labelled.csv", ["x1", "x2", "label"], moons)
xs = [round(rng.uniform(-math.pi, math.pi), 4) for _ in range(25)]
write("sine_points.csv", ["x1", "y"], [[x, round(math.sin(x), 6)] for x in xs])
