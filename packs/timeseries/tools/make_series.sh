#!/usr/bin/env bash
# Writes a labelled two-channel series with injected anomalies, as CSV on standard output:
#   tools/make_series.sh [STEPS] [SEED] > series.csv
# Columns: time, a, b, label. Normal behaviour is two noisy oscillations (periods 40 and 9 in a,
# 40 in b). In each block of 400 steps, with probability 0.6, one anomaly of five kinds starts at
# a random step, and its steps are labelled 1:
#   spike (one step, a +/- 4), level shift (30 steps, a + 1.5), frequency change (40 steps, a
#   at period 15), stuck sensor (30 steps, a and b frozen), noise burst (30 steps, noise x 8).
# The random numbers come from the Park-Miller generator written out below, so that any awk
# (mawk, gawk, busybox) writes the same file for the same seed.
set -euo pipefail
steps=${1:-40000}
seed=${2:-1}
awk -v steps="$steps" -v seed="$seed" '
function uniform() { state = (16807 * state) % 2147483647; return state / 2147483647 }
function gauss(   i, s) { s = 0; for (i = 0; i < 12; ++i) s += uniform(); return s - 6 }
BEGIN {
  state = (seed * 7919 + 1) % 2147483647
  if (state <= 0) state = 1
  pi = atan2(0, -1)
  block = 400
  for (start = 0; start < steps; start += block) {
    if (uniform() >= 0.6) continue
    kind = int(uniform() * 5)
    at = start + int(uniform() * (block - 50))
    len = kind == 0 ? 1 : (kind == 2 ? 40 : 30)
    sign = uniform() < 0.5 ? -1 : 1
    for (t = at; t < at + len && t < steps; ++t) { anomaly[t] = kind + 1; direction[t] = sign; first[t] = at }
  }
  print "time,a,b,label"
  for (t = 0; t < steps; ++t) {
    a = sin(2 * pi * t / 40) + 0.3 * sin(2 * pi * t / 9) + 0.1 * gauss()
    b = 0.8 * cos(2 * pi * t / 40) + 0.1 * gauss()
    kind = t in anomaly ? anomaly[t] : 0
    if (kind == 1) a += 4 * direction[t]
    else if (kind == 2) a += 1.5 * direction[t]
    else if (kind == 3) a = sin(2 * pi * t / 15) + 0.1 * gauss()
    else if (kind == 4) { if (t == first[t]) { held_a = a; held_b = b } a = held_a; b = held_b }
    else if (kind == 5) { a += 0.7 * gauss(); b += 0.7 * gauss() }
    printf "%d,%.5f,%.5f,%d\n", t, a, b, (kind > 0)
  }
}'
