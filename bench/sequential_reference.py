#!/usr/bin/env python3
"""Reference values for Tests/PromptGateTests/StatisticsSequentialTests.swift, computed
independently of promptgate's recursion: Lan-DeMets O'Brien-Fleming boundaries from the joint
multivariate normal of (Z_1..Z_K), corr(Z_i, Z_j) = sqrt(t_i/t_j), by
scipy.stats.multivariate_normal.cdf (Genz). Needs scipy (a venv: pip install scipy); slow
(minutes, the 10-look design most of it).
"""
import numpy as np
from scipy.stats import norm, multivariate_normal
from scipy.optimize import brentq

def spend(t, a):
    # published convention (ldbounds, gsDesign sfLDOF): each side spends 2-2Phi(z_{1-a_side/2}/sqrt t), a_side = a/2
    return 2 * (2 - 2*norm.cdf(norm.ppf(1-a/4)/np.sqrt(t)))

def bounds(ts, a):
    cs = []
    for k, t in enumerate(ts):
        inc = spend(t, a) - (spend(ts[k-1], a) if k else 0)
        if k == 0:
            cs.append(norm.ppf(1-inc/2)); continue
        tt = np.array(ts[:k+1])
        cov = np.sqrt(np.minimum.outer(tt, tt)/np.maximum.outer(tt, tt))
        mvn_prev = multivariate_normal(mean=np.zeros(k), cov=cov[:k,:k], allow_singular=True, maxpts=2_000_000, abseps=1e-9, releps=1e-7)
        mvn = multivariate_normal(mean=np.zeros(k+1), cov=cov, allow_singular=True, maxpts=2_000_000, abseps=1e-9, releps=1e-7)
        lo_prev = -np.array(cs); hi_prev = np.array(cs)
        p_cont_prev = mvn_prev.cdf(hi_prev, lower_limit=lo_prev)
        def f(c):
            p = mvn.cdf(np.append(hi_prev, c), lower_limit=np.append(lo_prev, -c))
            return (p_cont_prev - p) - inc
        cs.append(brentq(f, 0.5, 10, xtol=1e-6))
    return cs

for K in [2, 3, 4, 5]:
    ts = [i/K for i in range(1, K+1)]
    print(K, [round(c, 4) for c in bounds(ts, 0.05)], [float('%.6g' % spend(t, 0.05)) for t in ts])
print("uneven", [round(c, 4) for c in bounds([0.3, 0.6, 1.0], 0.05)])
print(10, [round(c, 4) for c in bounds([i/10 for i in range(1, 11)], 0.05)])
print("a=0.10 K=4", [round(c, 4) for c in bounds([0.25, 0.5, 0.75, 1.0], 0.10)])
