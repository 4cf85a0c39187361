"""hs2012: the propositions and assumptions tested as stated, over parameter draws (issue 9).

The checks here state hypotheses and conclusion separately and run through
`proofs_check.numeric_check`. `proofs_check.clusters` registers Propositions 1-4 and the
claims it already had with these checks; the new claims (the second reading of a statement,
the proof steps, the shares of the Appendix's region) are registered at the end of this
package (`registered`), in the paper's order.

Solvers: `numeric.clusters.batch` (type-optimal and Pareto clusters of every family),
`numeric.clusters.symmetric_equilibria`, `cpe_allocation`, `specialized`,
`partition_utilities` and `type_optimal_cluster` (the (A.1) example).
"""
from __future__ import annotations

from ._common import _FLOAT, _float_optima, _key  # noqa: F401  (the benchmark's float64 tier)
from .general import intercepts_claim, prop1, prop1_claim, prop2, prop2_claim, step_claim
from .example import (assumption3_share, cpe_claim, fn14_claim, own_essential_g, prop3_claim, prop4,
                      prop4_claim, sym_existence, vii1, vii1_claim)
from .appendix import assumption_share, meets_claim, optimum_exists_claim
from . import registered  # noqa: F401,E402  (registers the new claims)

__all__ = ["prop1", "prop1_claim", "prop2", "prop2_claim", "step_claim", "intercepts_claim",
           "sym_existence", "cpe_claim", "fn14_claim", "prop3_claim", "assumption3_share", "prop4",
           "prop4_claim", "vii1", "vii1_claim", "own_essential_g", "meets_claim", "optimum_exists_claim",
           "assumption_share"]
