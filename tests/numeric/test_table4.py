"""numeric.cities.table4: the Table 4 simulation against cases worked out here by hand.

Homogeneous sites (b = 0) have closed forms: K equal cities of N/K, K = floor(N/s) for the
optimum and free migration (the margin city at or above its reference scale s = n_i or n_p),
ceil(N/n_p) for local politics. Two sites are solved here with mpmath.findroot on the raw
benefit functions, a different route from the module's Newton on the arrow system.
"""
import mpmath
import pytest
import sympy as sp

from numeric.cities import table4 as t4
from numeric.precision import InvalidParameter

R = sp.Rational


def inputs(**kw):
    base = dict(epsilon="0.03", gamma="0.25", tau="0.34", rho="1", delta="0.17", scale="19550", exponent="0",
                cost_scale="133", population="10000000", sites=1000)
    base.update(kw)
    return t4.SystemInputs.create(**base)


def scale(e, g, Psi, a, c):
    """(eps Psi a/(gamma c))^(1/(gamma - eps)), written here from (3)."""
    return (e * Psi * a / (g * c)) ** (1 / (g - e))


def test_homogeneous_sites_closed_forms():
    mpmath.mp.dps = 30
    inp = inputs()
    e, g, c, a, N = (mpmath.mpf(x) for x in ("0.03", "0.25", "133", "19550", "10000000"))
    Phi = mpmath.mpf(66) / 100 / (mpmath.mpf(83) / 100 * mpmath.mpf(125) / 100)
    n_i, n_p = scale(e, g, 1, a, c), scale(e, g, Phi, a, c)
    for name, s in (("optimum", n_i), ("free-migration", n_p)):
        K = int(mpmath.floor(N / s))
        cells = t4.allocation_cells(inp, name)
        n = N / K
        assert cells.count == K
        assert abs(cells.largest - n) < 1e-20 * n and abs(cells.smallest - n) < 1e-20 * n
        welfare = a * n ** e - c * n ** g
        assert abs(cells.welfare - welfare) < 1e-20 * welfare
        assert abs(cells.output - a * n ** e) < 1e-20 * welfare
    lp = t4.allocation_cells(inp, "local-politics")
    assert lp.count == int(mpmath.ceil(N / n_p))
    assert abs(lp.welfare - (a * n_p ** e - c * n_p ** g)) < 1e-20 * lp.welfare
    assert abs(lp.population - lp.count * n_p) < 1e-20 * N


def test_two_sites_by_hand():
    mpmath.mp.dps = 30
    # a_r = 19550 r^(-1/10): a_2 = 19550/2^(1/10); N large enough that both cities exceed their scales.
    inp = inputs(exponent="1/10", population="30000000", sites=2)
    e, g, c = mpmath.mpf("0.03"), mpmath.mpf("0.25"), mpmath.mpf(133)
    a1, a2 = mpmath.mpf(19550), mpmath.mpf(19550) * mpmath.power(2, -mpmath.mpf(1) / 10)
    N = mpmath.mpf(30000000)
    Phi = mpmath.mpf(66) / 100 / (mpmath.mpf(83) / 100 * mpmath.mpf(125) / 100)
    D = mpmath.mpf(83) / 100 * mpmath.mpf(125) / 100
    rules = {"optimum": (lambda n, a: (1 + e) * a * n ** e - c * (1 + g) * n ** g, 1),
             "free-migration": (lambda n, a: (1 - mpmath.mpf(34) / 100) * a * n ** e - c * D * n ** g, Phi)}
    for name, (benefit, Psi) in rules.items():
        # equal benefit at the two sites, n1 + n2 = N: one equation in n1
        n1 = mpmath.findroot(lambda x: benefit(x, a1) - benefit(N - x, a2), N * mpmath.mpf("0.6"))
        n2 = N - n1
        assert n2 > scale(e, g, Psi, a2, c)          # both cities on the stable side: K = 2
        cells = t4.allocation_cells(inp, name)
        assert cells.count == 2
        assert abs(cells.largest - n1) < 1e-20 * N and abs(cells.smallest - n2) < 1e-20 * N
        welfare = (a1 * n1 ** (1 + e) + a2 * n2 ** (1 + e) - c * (n1 ** (1 + g) + n2 ** (1 + g))) / N
        assert abs(cells.welfare - welfare) < 1e-20 * welfare


def test_margin_rule_drops_a_site_below_its_scale():
    mpmath.mp.dps = 30
    # Two very unequal sites and a small N: the second city would fall below n_p, so free migration has one city.
    inp = inputs(exponent="2", population="300000", sites=2)
    cells = t4.allocation_cells(inp, "free-migration")
    assert cells.count == 1 and cells.largest == 300000


def test_local_politics_closed_form_equals_direct_sums():
    mpmath.mp.dps = 30
    inp = inputs(exponent="0.0333", population="275416279", cost_scale="133.385784498116", sites=20000)
    lp = t4.local_politics_cells(inp)
    e, g, c, b = mpmath.mpf("0.03"), mpmath.mpf("0.25"), mpmath.mpf("133.385784498116"), mpmath.mpf("0.0333")
    Phi = mpmath.mpf(66) / 100 / (mpmath.mpf(83) / 100 * mpmath.mpf(125) / 100)
    sizes = [scale(e, g, Phi, 19550 * mpmath.power(r, -b), c) for r in range(1, lp.count + 1)]
    assert mpmath.fsum(sizes[:-1]) < 275416279 <= mpmath.fsum(sizes)
    Y = mpmath.fsum(19550 * mpmath.power(r + 1, -b) * n ** (1 + e) for r, n in enumerate(sizes))
    C = c * mpmath.fsum(n ** (1 + g) for n in sizes)
    P = mpmath.fsum(sizes)
    assert abs(lp.welfare - (Y - C) / P) < mpmath.mpf(10) ** -20 * lp.welfare
    assert abs(lp.output - Y / P) < mpmath.mpf(10) ** -20 * lp.output
    assert abs(lp.smallest - sizes[-1]) < mpmath.mpf(10) ** -20 * sizes[-1]


def test_local_politics_with_too_few_sites_develops_them_all():
    mpmath.mp.dps = 20
    lp = t4.local_politics_cells(inputs(population="10000000000", sites=50))
    assert lp.count == 50 and lp.capped and lp.population < 10 ** 10


def test_calibration_closed_forms_round_trip():
    mpmath.mp.dps = 30
    Phi = R(66, 100) / (R(83, 100) * R(5, 4))
    c = t4.cost_scale_for_top("0.03", "0.25", Phi, 19550, 58500)
    e, g = mpmath.mpf("0.03"), mpmath.mpf("0.25")
    assert abs(scale(e, g, mpmath.mpf(Phi.p) / Phi.q, 19550, c) - 58500) < mpmath.mpf(10) ** -20
    # n_p(a_K)/n_p(a_1) = K^(-b/(gamma - eps)) inverted for b
    b = t4.exponent_from_lp_extremes("0.03", "0.25", 58500, 58500 * mpmath.power(400, -mpmath.mpf("0.0333") / (g - e)), 400)
    assert abs(b - mpmath.mpf("0.0333")) < mpmath.mpf(10) ** -25


def test_bad_inputs_name_the_parameter():
    with pytest.raises(InvalidParameter, match="epsilon"):
        inputs(epsilon="0.3")
    with pytest.raises(InvalidParameter, match="sites"):
        inputs(sites=0)
    with pytest.raises(InvalidParameter, match="cost_scale"):
        inputs(cost_scale="-1")
    with pytest.raises(InvalidParameter, match="allocation"):
        t4.allocation_cells(inputs(), "anarchy")
