"""The new hs2012 claims of issue 9, registered in the paper's order: second readings, proof
steps, and the shares of the Appendix's region."""
from __future__ import annotations

import sympy as sp

from ..claims import Outcome, Settings, claim
from ..draws import assumption2_a1, assumption4_a1
from ..numeric_check import run
from .general import prop1, prop2, step_claim
from .example import cpe_claim, prop3_claim, prop4, sym_existence
from .appendix import assumption_share, meets_claim, optimum_exists_claim


# --- registration of the new claims ---------------------------------------------------------

_Q_PROP1 = r"Then type- i workers are in a plurality in a type- i optimal cluster: $n_{ij}^* > n_{kj}^*$ for all $k \neq i$."


@claim("hs2012:Prop1:region", kind="proposition", quote=_Q_PROP1, method="numeric",
       note="Second reading: Section III's assumptions and Assumption 1 required only where the argument "
            "travels, the hull of the equal compositions below each type optimum and the optimum (Assumption 1 "
            "on the whole diagonal of the box holding it). The main claim hs2012:Prop1 reads them on all n > 0.")
def _(s: Settings) -> Outcome:
    return prop1(s, "region")


@claim("hs2012:Prop2:all-unstable", kind="proposition", quote=r"Assumption 2 implies that, from such a position, all workers have an incentive to move.",
       method="numeric", note="The strong reading of Proposition 2 given in the text after it: every type unstable.")
def _(s: Settings) -> Outcome:
    return prop2(s, strong=True)


@claim("hs2012:Prop2:step-own-implies-others", kind="text", method="numeric",
       quote=r"and this in turn implies that if $\partial V_i(n^{PE}_{1j}, n^{PE}_{2j}, \dots, n^{PE}_{Ij})/\partial n_i < 0$, then $\partial V_k(n^{PE}_{1j}, n^{PE}_{2j}, \dots, n^{PE}_{Ij})/\partial n_i < 0$, $k \neq i$.",
       note="Tested at random employment vectors of the region, not only at Pareto-efficient ones.")
def _(s: Settings) -> Outcome:
    return run(step_claim("own"), s)


@claim("hs2012:Prop2:step-weighted-sum", kind="text", method="numeric",
       quote=r"Thus, Assumption 2 and stability imply that $\sum_i \lambda_i \partial V_i$",
       note="The sentence continues after footnote 12: '... / \\partial n_k < 0, \\lambda_i > 0, for all k'.")
def _(s: Settings) -> Outcome:
    return run(step_claim("sum"), s)


@claim("hs2012:S5:cpe-not-equilibrium", kind="text", method="numeric",
       quote=r"Proposition 2 implies that a constrained Pareto efficient allocation cannot be a Nash equilibrium.")
def _(s: Settings) -> Outcome:
    return run(cpe_claim("cpe"), s)


@claim("hs2012:S5:symmetric-existence-example", kind="text", method="numeric",
       quote=r"Existence cannot be guaranteed in the general case, but it can be established in particular cases, including the example presented in the Appendix.",
       note="Existential reading: for some parameters of the example; the share of the region is reported.")
def _(s: Settings) -> Outcome:
    return sym_existence(s, everywhere=False)


@claim("hs2012:S5:symmetric-existence-example:whole-region", kind="text", method="numeric",
       quote=r"Existence cannot be guaranteed in the general case, but it can be established in particular cases, including the example presented in the Appendix.",
       note="Universal reading: for every parameter point of the example's region whose totals meet footnote 14's "
            "condition (the ratio line meets the contract curve between the type optima: where the constrained "
            "Pareto-efficient allocation the section compares with exists), so that no totals the text sets aside count.")
def _(s: Settings) -> Outcome:
    return sym_existence(s, everywhere=True)


@claim("hs2012:S5:excessive-scale", kind="text", method="numeric",
       quote=r"However, symmetric Nash equilibrium clusters contain excessive numbers of workers of both types")
def _(s: Settings) -> Outcome:
    return run(cpe_claim("scale"), s)


@claim("hs2012:Prop3:weak-stability", kind="proposition", method="numeric",
       quote=r"Proposition 3: When there are weak complementarities as defined in Assumption 3, there exist a range of specialized city Nash equilibria where for any worker type i , $n_i \in [n_i^S, n_i^A]$.",
       note="Second reading: stability read weakly (dV_i^i/dn_i <= 0), which admits the end point n_i^S.")
def _(s: Settings) -> Outcome:
    return run(prop3_claim(strict_stability=False), s)


@claim("hs2012:Prop3:step-no-deviation", kind="text", method="numeric",
       quote=r"By Assumption 3, no worker prefers another worker's specialized city, so this allocation meets all the equilibrium conditions.")
def _(s: Settings) -> Outcome:
    spec = prop3_claim(strict_stability=False, stability=False)
    space = spec.space

    def at_nS(rng):  # the proof's first case: every city at its n^S
        p = space(rng)
        p["u"] = tuple(sp.Integer(0) for _ in p["u"])
        return p
    spec.space = at_nS
    spec.conclusion = "At n_i^S for all i, no type gains from another type's specialized city (nor is below autarky)"
    return run(spec, s)


@claim("hs2012:Prop4:step-deviation-below-autarky", kind="text", method="numeric",
       quote=r"By Assumption 4, this would give a utility level lower than autarky, which is lower than that of the symmetric partition, by hypothesis.")
def _(s: Settings) -> Outcome:
    return prop4(s, step=True)


@claim("hs2012:SA:meets-section-III", kind="text", method="numeric",
       quote=r"A specific form $g_i(\cdot)$ that satisfies the assumptions from Section III of the paper is:",
       note="Reading: the assumptions on all n > 0, as Section III states them.")
def _(s: Settings) -> Outcome:
    return run(meets_claim("orthant"), s)


@claim("hs2012:SA:meets-section-III:region", kind="text", method="numeric",
       quote=r"A specific form $g_i(\cdot)$ that satisfies the assumptions from Section III of the paper is:",
       note="Reading: the assumptions on the cube [0, U*) of positive marginal products only.")
def _(s: Settings) -> Outcome:
    return run(meets_claim("region"), s)


@claim("hs2012:SA:type-optimum-exists", kind="text", method="numeric",
       quote=r"Using the form for $g_i(\cdot)$ from (A.1) above and the linear form for $c(\cdot)$ from (III.7), the first order conditions for a type- i optimal cluster become:",
       note="Reading: the type-optimal cluster as Section IV.A defines it, the maximiser of V_i over n >= 0.")
def _(s: Settings) -> Outcome:
    return run(optimum_exists_claim(global_max=True), s)


@claim("hs2012:SA:type-optimum-exists:local", kind="text", method="numeric",
       quote=r"Using the form for $g_i(\cdot)$ from (A.1) above and the linear form for $c(\cdot)$ from (III.7), the first order conditions for a type- i optimal cluster become:",
       note="Reading: an interior strict local maximum of V_i (what the first-order conditions characterise).")
def _(s: Settings) -> Outcome:
    return run(optimum_exists_claim(global_max=False), s)


@claim("hs2012:Assumption1:share", kind="assumption", method="numeric",
       quote=r"$$\text{Assumption 1: for } n_{ij} = n_{kj} \text{ for all } k \neq i, \partial g_i / \partial n_{ij} > \partial g_i / \partial n_{kj}. \quad (\text{III.2})$$",
       note="Where Assumption 1 can hold for (A.1), on what share of the Appendix's printed region.")
def _(s: Settings) -> Outcome:
    from ..draws import assumption1_a1
    return assumption_share(s, "Assumption 1", assumption1_a1, "alpha (theta^i_i - theta^i_k) > 0, (A.7)")


@claim("hs2012:Assumption2:share", kind="assumption", method="numeric",
       quote=r"$$\text{Assumption 2: for any } (n_{1j}, n_{2j}, \dots, n_{lj}) > 0, \partial g_i / \partial n_{ij} > \partial g_k / \partial n_{ij}, k \neq i. \quad (\text{III.3})$$",
       note="Where Assumption 2 can hold for (A.1), on what share of the Appendix's printed region "
            "(which orders theta by rows only).")
def _(s: Settings) -> Outcome:
    return assumption_share(s, "Assumption 2", assumption2_a1, "alpha (theta^i_i - theta^k_i) > 0")


@claim("hs2012:Assumption3:share", kind="assumption", method="numeric",
       quote=r"$$\text{Assumption 3: } V_i(n_i^A) \geq V_i^k(n_k^S) \text{ for all } k \neq i. \quad (\text{VI.2})$$",
       note="Where Assumption 3 can hold for (A.1), on what share of the Appendix's printed region, any I.")
def _(s: Settings) -> Outcome:
    from ..draws import assumption3_a1
    return assumption_share(s, "Assumption 3", assumption3_a1, "alpha (2 theta^i_k - theta^k_k) <= t")


@claim("hs2012:Assumption4:share", kind="assumption", method="numeric",
       quote=r"Assumption 4: $V_i(n_{1j}, n_{2j}, \dots, n_{i-1j}, 0, n_{i+1j}, \dots, n_{lj}) < V_i(0)$, for any $(n_{1j}, n_{2j}, \dots, n_{i-1j}, 0, n_{i+1j}, \dots, n_{lj}) \geq 0$.",
       note="Where Assumption 4 can hold for (A.1), on what share of the printed region; read for n != 0.")
def _(s: Settings) -> Outcome:
    return assumption_share(s, "Assumption 4", assumption4_a1, "theta^i_s alpha <= t for s != i")
