"""How much each discrepancy matters: its `severity` (DESIGN.md section 2), by a stated rule.

A discrepancy says that the paper and the derivation differ; its severity says what the
difference does to the paper. Four classes, ranked in the reports in this order:

- `error`: a result, formula or number the paper relies on is wrong. The wrong thing is itself
  something the paper concludes or reports (a proposition's statement, a condition or policy
  formula given as a section's result, a headline number, a table cell the text draws on), or a
  conclusion the paper states is carried by it, and the paper nowhere puts the right version in
  its place. A proposition whose printed statement fails on points meeting its hypotheses is an
  error even where a table or proof elsewhere qualifies it correctly: readers cite statements.
- `reading`: the wording or the extraction admits two readings and only one fails. Either a
  sibling claim checks the other reading and it holds, or the extraction is known to garble the
  very symbols at issue (shared/papers/README.md: sub- and superscripts swapped or lost).
- `technicality`: it fails only outside the economically meaningful domain (sizes no city has,
  marginal products below zero), for cases the surrounding text itself sets aside, or at a
  boundary point the text does not mean (a closed end its own proof or proposition excludes).
- `typo`: a slip that the context corrects (the paper states or uses the right form nearby, or
  the row's own printed inputs and the stated formula give the right number), a slip in a step
  that reaches no conclusion the paper states, or a rounding nit in the last printed digit.

The rules are applied in the order reading, technicality, typo, error: a difference that one
of the first three explains is not called an error. A claim with several failing parts (a
sentence with two numbers) takes the most severe of them. Each claim is classified by hand from its
detail and the paper's text; `CLASSIFICATION` records the class and the reason, which the
reports print beside the finding. A discrepancy missing from the table gets no severity
(`None`, shown as "unclassified" and ranked first) and fails the test suite, so a new
discrepancy must be classified here before it lands. A claim's detail may repeat its class
("Severity: reading."); the field is the source of truth and the tests check they agree.
"""
from __future__ import annotations

from typing import NamedTuple

__all__ = ["SEVERITIES", "RANK", "RULES", "Classification", "CLASSIFICATION", "severity_of",
           "classification_of", "UNCLASSIFIED"]

# the reports' order: what a referee must raise first, down to what an editor fixes
SEVERITIES = ("error", "reading", "technicality", "typo")
UNCLASSIFIED = "unclassified"
RANK = {UNCLASSIFIED: -1, **{s: k for k, s in enumerate(SEVERITIES)}}

RULES = {
    "error": "a result, formula or number the paper relies on is wrong, and the paper nowhere puts the right "
             "version in its place",
    "reading": "the wording or the extraction admits two readings, and only one fails",
    "technicality": "it fails only outside the economically meaningful domain, for cases the text itself sets "
                    "aside, or at a boundary the text does not mean",
    "typo": "a slip that the context corrects or that reaches no stated conclusion, or a rounding nit",
}


class Classification(NamedTuple):
    severity: str
    reason: str


def _c(severity: str, reason: str) -> Classification:
    if severity not in SEVERITIES:
        raise ValueError(f"severity={severity!r}: must be one of {', '.join(SEVERITIES)}")
    return Classification(severity, reason)


_T4_COL6 = _c("error", "Table 4's column (6) repeats column (1)'s optimal row cell for cell; recomputed with "
                       "column (6)'s own sites (pinned by its reproduced free-mobility and local-politics cells) "
                       "the optimum differs, and Section 5.4's reading of heterogeneity ('the impact of "
                       "heterogeneity is large') draws on these cells: the welfare loss of free mobility becomes "
                       "295 per person, not 1,842. No version of the paper's table has the right cells.")

_T1_PHI_STAR = _c("technicality", "Only the closed end Phi = Phi_* of the column [Phi_*, 1) fails: Proposition 3 (i) "
                                  "states Phi <= Phi_* and assigns that point to the column Phi < Phi_*, so the two "
                                  "overlap at one boundary point; on the open column the cell is not contradicted.")

CLASSIFICATION: dict[str, Classification] = {
    # --- hs2012 -------------------------------------------------------------------------------
    "hs2012:S3:land-rent": _c(
        "typo", "Sign slip: the same sentence requires r'(x) = -t and zero rent at x_b, and (III.7) needs "
                "r(x) + tx = tN^j, which the rent t(x_b - x) gives; the context corrects it."),
    "hs2012:Prop3": _c(
        "technicality", "Fails only at the end point n_i^S, where dV_i^i/dn_i = 0 and strict stability fails; the "
                        "proof itself takes 'populations n_i^0 in (n_i^S, n_i^A]', open at n_i^S, and the weak "
                        "reading (hs2012:Prop3:weak-stability) admits it: a boundary the text does not mean."),
    "hs2012:S6:prop3-proof-inequality": _c(
        "typo", "The inequality is reversed (on the falling part of V_i^i, n_i^0 < n_i^A gives V_i(n_i^0) > "
                "V_i(n_i^A)); the proof's conclusion 'no worker again prefers another specialized city' needs and "
                "holds with the corrected direction, so the slip reaches no stated conclusion."),
    "hs2012:SA:parameter-restrictions": _c(
        "reading", "The two theta conditions are extracted identically ('theta_i^i > theta_s^i > 1' twice); the "
                   "extraction is known to swap sub- and superscripts, and read with the second one swapped "
                   "(theta^i_i > theta^s_i, as 'a specific form that satisfies the assumptions' requires) the "
                   "restrictions give Assumption 2."),
    "hs2012:A.8": _c(
        "reading", "(A.8)'s right side is extracted identical to (A.7)'s; with the known sub/superscript swap "
                   "undone, alpha(theta^i_i - theta^k_i) is the derivation and meets 'as required by Assumption 2'. "
                   "Only the literal extraction fails."),
    "hs2012:S5:symmetric-existence-example:whole-region": _c(
        "reading", "'Existence ... can be established in particular cases, including the example' fails in the "
                   "universal reading (every point of the example's region) and holds in the existential one, "
                   "which hs2012:S5:symmetric-existence-example verifies."),
    "hs2012:SA:meets-section-III": _c(
        "technicality", "On the whole orthant any quadratic (A.1) has negative marginal products beyond "
                        "n = theta alpha / beta, where no cluster the paper studies lies (alpha > t puts the type "
                        "optima inside); it fails only outside the economically meaningful domain."),
    "hs2012:SA:meets-section-III:region": _c(
        "technicality", "On the cube of positive marginal products it fails where strict concavity fails: for I = 2 "
                        "when beta <= gamma, and for I > 2 at some n. The next sentences of the Appendix set both "
                        "aside ('for I = 2, g_i is strictly concave for beta > gamma'; 'for I > 2 the conditions for "
                        "strict concavity depend on the n_ij'), and the I = 2 example it works holds."),
    "hs2012:SA:type-optimum-exists": _c(
        "technicality", "For I >= 3 the product term gamma prod n_s makes V_1 unbounded above along the diagonal, "
                        "so no global maximiser exists; that happens only far outside the region where the "
                        "Appendix says (A.1) is concave ('for I > 2 the conditions for strict concavity depend on "
                        "the n_ij'). For I = 2 with beta > gamma, the case the Appendix solves, no draw fails."),
    "hs2012:SA:type-optimum-exists:local": _c(
        "technicality", "Fails only for I = 3..5 (no draw with I = 2 fails): the Appendix itself warns that for I > 2 "
                        "concavity needs conditions on n beyond the printed restrictions, and works only the I = 2 "
                        "case ((A.14)-(A.25)); the failures are in cases the text sets aside."),
    # --- abrs2017: introduction, model -------------------------------------------------------
    "abrs2017:S1:undersized-third": _c(
        "error", "A headline finding: 'the number of cities is twice the optimum', but Table 4 column (1) gives "
                 "392 against 99 (3.96 times), and Section 5.4 itself says 'almost four times as many cities'. The "
                 "introduction's summary of the results is the paper's claim to readers, and it is off by a "
                 "factor of two."),
    "abrs2017:fn10:AUC-ACC-ALR": _c(
        "typo", "The exponent of d in the footnote's AUC is 1 + gamma where summing over residents gives gamma; the "
                "footnote's purpose is 'a choice of units', and the next sentence sets t so that AUC = n^(1+gamma), "
                "which absorbs any constant: nothing the paper concludes uses the level."),
    "abrs2017:fn10:units": _c(
        "typo", "The t that normalises AUC to n^(1+gamma) inherits the footnote's d exponent; the model uses "
                "n^(1+gamma) 'by choice of units' throughout, so the slip reaches no stated conclusion."),
    "abrs2017:S2.5:scales-comparative-statics": _c(
        "technicality", "d ln n_i/d eps > 0 fails only where n_i(a) < exp(-1/eps), about 5e-15 people at eps = 0.03: "
                        "at no city size the model is about (it holds at the calibrated a of Table 4)."),
    "abrs2017:6": _c(
        "typo", "Both exponents of (6) have the wrong sign ((1-sigma)/sigma and sigma/(1-sigma) for the textbook "
                "(sigma-1)/sigma and sigma/(sigma-1)); the text right after calls sigma the substitution parameter "
                "with sigma -> 0 perfect complements and sigma -> oo perfect substitutes, which fixes the intended "
                "CES."),
    "abrs2017:S2.6:ces-limits": _c(
        "typo", "The limits the sentence states are the textbook CES's; they fail only against (6) as printed, whose "
                "exponent slip (abrs2017:6) the same sentence corrects."),
    "abrs2017:Prop2(iii)": _c(
        "error", "A proposition's statement: 'large cities are undersized if abar < oo' fails for finite abar close "
                 "to a_* (all cities oversized there). Table 1's note ('if abar is sufficiently large') and the proof "
                 "in A.3 ('if A is unbounded') carry the right condition, but the proposition as stated is false."),
    "abrs2017:S3.2:all-occupied-k-star": _c(
        "error", "The threshold replacing 1 is k_*^(gamma-eps) >= 1 (k_* >= 1 by (13)), not k_*^(1/(gamma-eps)) < 1, "
                 "and the conclusion the text draws from it ('larger cities are quite naturally less likely to be "
                 "undersized') is reversed: a threshold above 1 makes undersized large cities more likely. The "
                 "proof in A.3 uses the right threshold, but the stated conclusion carries the slip."),
    "abrs2017:20": _c(
        "typo", "(20) writes u_m where (18) and the optimum's analogue (11) make the left side mu_m = u_m - T_m; a "
                "symbol slip that (18), quoted just above, corrects."),
    "abrs2017:S3.3:np-le-nm-lt-n0": _c(
        "typo", "The bound n_m(a) < (a Phi)^(1/(gamma-eps)) is right (pab = 0 there, the end of (23)); only its "
                "label 'the size with zero marginal net production' (smb = 0 is Lemma 2's n_0) and the range's a_* "
                "for a_m are slips, and no conclusion uses the label."),
    "abrs2017:S3.3:phi-lt-phistar-example": _c(
        "reading", "'for example when the tax rate on urban wages is higher than the discount rate' fails read as a "
                   "sufficient condition on its own (rho = 0), and holds read with the land rebate at the paper's "
                   "standard rho = 1 (the Roback case and the calibration), where tau > delta gives Phi < Phi_*."),
    "abrs2017:Prop3(ii)": _c(
        "error", "A proposition's statement: 'large cities are over-sized if abar < oo' fails for a finite "
                 "heterogeneous support near a_lower, where the best city is undersized. Table 1's note ('if abar "
                 "is sufficiently large') and the proof's 'if the range of [a_m, abar] is sufficiently large' carry "
                 "the right condition, but the proposition as stated is false."),
    "abrs2017:S3.3:rho-threshold": _c(
        "error", "The stated condition rho >= (1 - eps/gamma)/(1 + gamma) is too weak: Phi <= Phi_* needs "
                 "(1 - eps/gamma)/(1 + eps) (0.704 against 0.854 at the base values), so for rho between the two "
                 "the conclusion 'large cities are underpopulated' is not implied. The paper gives no other "
                 "version of the threshold."),
    "abrs2017:Table1:free-migration:large-cities:phi-in-phistar-1": _T1_PHI_STAR,
    "abrs2017:Table1:free-migration:small-cities:phi-in-phistar-1": _c(
        "reading", "Two failures: at the closed end Phi = Phi_* (Proposition 3 (i) gives the opposite cell), and "
                   "inside (Phi_*, 1) wherever free migration occupies more sites than the optimum (a_m < a_*, "
                   "which the same column's 'ambiguous' number of cities allows): its smallest city then sits on a "
                   "site the optimum leaves empty, oversized by virtue of existing. 'Undersized' holds where the "
                   "cities are too few, or read as a comparison only on the sites both allocations occupy."),
    "abrs2017:S4.2:pigouvian-tau-eps": _c(
        "typo", "Sign slip: (26), two lines above, gives tau^* = -eps < 0, and the sentence itself calls it a "
                "subsidy; Table 3's last row uses tau = -0.03."),
    "abrs2017:S4.3:optimal-transfer": _c(
        "error", "The section's result, the optimal transfer, is wrong as printed: with pab at the marginal site "
                 "it is one constant across sites and cannot offset the site-specific pab(n, a); the two "
                 "requirements the paragraph states give T_*(a) = smb(n, a) - pab(n, a). The paper gives no other "
                 "version."),
    "abrs2017:28": _c(
        "typo", "The second form of (28) is wrong (it adds a level to pure numbers and has 1 + gamma for "
                "1 + rho gamma), but the first form in the same display is right, and what the paper concludes from "
                "(28), delta_* >= tau_* with equality at rho = 0 (Proposition 5 (iii)), follows from the first form: "
                "the slip reaches no stated conclusion."),
    # --- abrs2017: quantitative section -------------------------------------------------------
    "abrs2017:S5:largest-undersized-third": _c(
        "error", "Section 5's summary finding 'about twice too many sites may be developed' is off by a factor of "
                 "two against its own Table 4 column (1) (392 against 99 cities) and Section 5.4 ('almost four "
                 "times as many cities')."),
    "abrs2017:S5.1:urban-cost-moment": _c(
        "typo", "The displayed moment drops the population weights, but the words ('gross congestion costs equal a "
                "percentage of wage income') and Table 2's moment (sum n_j^(1+gamma))/(sum w_j n_j) = 0.15 state "
                "the weighted one: the context corrects the formula."),
    "abrs2017:Table2:tax-rate:range": _c(
        "reading", "The range [0, 0.34] fails if it bounds every value the simulations use (the subsidy row's "
                   "tau = -0.03), and holds read as the notes say, the range within which parameters are varied "
                   "'as robustness checks'; the subsidy row is the policy experiment tau^* = -eps of (26)."),
    "abrs2017:S5.1:table3-note-phi-star": _c(
        "typo", "Label slip: the note calls the private ratio Phi_*, while its formula and the table's column 7 "
                "heading are Phi."),
    "abrs2017:S5.1:table3-note-shrink": _c(
        "typo", "Missing parentheses: Phi^(1/gamma - eps) for Phi^(1/(gamma - eps)), which (3) gives and column 8's "
                "numbers follow."),
    "abrs2017:Table3:high-agglomeration:10": _c(
        "typo", "Arithmetic slip the row itself corrects: the note's formula vbar_* = 1 + (Gamma - 1) 0.13 with the "
                "row's printed Gamma = 3.53 gives 1.33, not 1.20; no conclusion uses the cell (the row's estimate "
                "0.63 is below either value)."),
    "abrs2017:Table3:high-congestion:12": _c(
        "typo", "Rounding: 9.86 comes from the rounded Phi = 0.53 of the same row; unrounded it is 9.849 (9.85)."),
    "abrs2017:S5:smallest-city-0.14": _c(
        "typo", "Digit slip: Phi_* = 0.824, which Table 3's column 6 prints as 0.82; the sentence's 0.84 is "
                "corrected by the table it summarises."),
    "abrs2017:S5:high-congestion-k-m-9.86": _c(
        "typo", "Rounding: the text repeats Table 3's 9.86, computed from the rounded Phi = 0.53; unrounded 9.849."),
    "abrs2017:fn25": _c(
        "typo", "Rounding nit: gamma/(gamma - eps) = 0.25/0.22 = 1.136 is printed truncated as 1.13."),
    "abrs2017:S5.2:high-cong-product-2.55": _c(
        "typo", "Rounding nit: (0.26)(9.86) = 2.5636, but the unrounded factors give 2.5524, printed as 2.55."),
    "abrs2017:S5.4:misallocated-61": _c(
        "reading", "'61 percent of the population ... is misallocated' is reproduced exactly as sum_r |n_m - n_*| / N; "
                   "read as the share of people living elsewhere than at the optimum, which counts each person "
                   "once, it is 31 percent. The paper defines no measure, so the two readings stand, and only "
                   "the share-of-people reading fails."),
    "abrs2017:S5.4:welfare-1.12-trillion": _c(
        "typo", "Rounding nit: the cells give 1.13 trillion at the stated 280 million people; 1.12 needs N between "
                "277.1 and 277.6 million. The 67 billion beside it rounds as printed."),
    "abrs2017:Table4:largest-city-optimal:6": _T4_COL6,
    "abrs2017:Table4:smallest-city-optimal:6": _T4_COL6,
    "abrs2017:Table4:number-of-cities-optimal:6": _T4_COL6,
    "abrs2017:Table4:welfare-optimal:6": _T4_COL6,
    "abrs2017:Table4:output-optimal:6": _T4_COL6,
    "abrs2017:S5.4:table4-note-developing-params": _c(
        "typo", "A value is missing from the five-parameter vector ([0.0, 0, 0.03, 0.25]); Table 3's developing row "
                "and the text's 'no taxes and weak property rights' give [0, 0, 0, 0.03, 0.25]."),
    "abrs2017:S5.4:table4-note-low-high-heterogeneity": _c(
        "typo", "The note prints the low case's exponent 0.016 for the high case too; Appendix C.3's 'twice or half' "
                "the Pareto shape gives 1/15 = 0.067, and column (6)'s free-mobility and local-politics cells are "
                "reproduced with about 0.066: the table was computed with the right exponent."),
    # --- abrs2017: appendices ---------------------------------------------------------------
    "abrs2017:SA:f-max": _c(
        "typo", "Exponent slip in the value of max f (1/(gamma-eps) for gamma/(gamma-eps)); the Appendix goes on to "
                "use only the argmax and the monotonicity of f, which are right."),
    "abrs2017:SA.1:v-range": _c(
        "typo", "The lower bound k_* should be k_*^(gamma-eps); the Appendix evaluates 'v_*(a_*) = k_*^(gamma-eps)' "
                "itself a few lines on, and in (A-10)-(17)."),
    "abrs2017:A-6": _c(
        "typo", "The denominator gamma/eps - v should be (gamma/eps) v - Gamma; the conclusion drawn (vhat_*/ahat > 0 "
                "for v < Gamma) holds for the derived form, so the slip reaches no stated conclusion."),
    "abrs2017:A-8": _c(
        "typo", "The boundary term lacks the density g(a_*); the sign argument that follows is unaffected (g > 0)."),
    "abrs2017:A-10": _c(
        "typo", "The middle form has an extra factor k_*^eps; the chain's first and last forms and the result used, "
                "n_*(a_*)^gamma = (eps/gamma) k_*^(gamma-eps) w_*(a_*), are right."),
    "abrs2017:SA.3:case-iv": _c(
        "typo", "Notation slip: in v-units v_p = Phi and the bound is Gamma, so the 1/(gamma-eps) powers belong to "
                "the size ratios; the chain, and the case's conclusion that all cities are oversized, hold with "
                "them (with <= at Phi = Gamma)."),
    "abrs2017:A-12": _c(
        "typo", "The ratio Phi/Phi_* is inverted; the main text's (24), which (A-12) restates, has it right."),
    "abrs2017:A-13": _c(
        "typo", "The constant prefactor should be Phi^(gamma/(gamma-eps)); the conclusion drawn from (A-13), that it "
                "increases in v_m iff Phi < Phi_*, depends only on the v_m factor and holds."),
    "abrs2017:SA.5:case-ii-chain": _c(
        "typo", "The chain's last term repeats its first; the conclusion drawn ('the worst site is under-populated', "
                "n_m(a_m) < n_*(a_m)) holds."),
    "abrs2017:fn26": _c(
        "typo", "Symbol slip: with land rents 'collected through local property taxes at a rate 1 - rho' (Section "
                "2.4), a 15 percent tax share is 1 - rho = 0.15, rho = 0.85; the footnote's own 'some fraction of "
                "land value may be appropriated' names the fraction 1 - rho."),
    "abrs2017:SC.3:twice-half": _c(
        "typo", "The sentence is right (shapes 60 and 15); it fails only against Table 4's note, which prints 0.016 "
                "for the high case, the slip classified at abrs2017:S5.4:table4-note-low-high-heterogeneity."),
    "abrs2017:SC.4:benchmark-gamma-0.5": _c(
        "typo", "'benchmark values ... gamma = 0.5': the benchmark gamma of Table 2, Section 5.1 and Table 3's base row "
                "is 0.25; 0.5 is the high-congestion alternative. A slip in a figure's description that the "
                "tables correct."),
}


def classification_of(claim_id: str, status: str) -> Classification | None:
    """The classification of a claim with this status: None unless it is a discrepancy (or
    when the discrepancy is not in `CLASSIFICATION`)."""
    if status != "discrepancy":
        return None
    return CLASSIFICATION.get(claim_id)


def severity_of(claim_id: str, status: str) -> str | None:
    """The `severity` field: one of SEVERITIES for a classified discrepancy, else None."""
    c = classification_of(claim_id, status)
    return c.severity if c else None
