"""High-precision solvers for Helsley & Strange (2012), "Coagglomeration and the Scale and
Composition of Clusters" (hs2012), for any I >= 2, the (A.1) example or user-supplied g_i and
c(N).

Parameters (validated at every entry; a violation raises `numeric.precision.InvalidParameter`
naming the parameter, its value and the constraint): alpha, beta, gamma, t > 0; theta an
I x I matrix, theta[i-1][s-1] = theta^i_s (row: industry affected, column: worker type), with
theta^i_s > 1, theta^i_i > theta^i_s (Assumption 1) and theta^i_i > theta^s_i (Assumption 2);
2 <= I <= 8; Pareto weights positive and summing to 1; 15 <= dps <= 200. Values are exact: decimal strings,
"p/q" strings, ints, Fractions, SymPy rationals or mpf (a Python float only with a warning).
User-supplied g_i (text parsed by `numeric.expressions`, or SymPy expressions in n_1..n_I) need
only the parameters they use; `cost` replaces c(N) = tN.

Every result is a dataclass with mpf fields, `residual` (the largest |defining condition| at
the reported point) and `agreed_digits` (agreement with a re-solve at twice the precision),
and `to_dict()` with decimal strings. Types count from 1, as in the paper.

Note: for I >= 3 the (A.1) example is not globally concave (the paper's Appendix says so) and
V_i is unbounded above along the diagonal (the gamma prod_s n_s term), so a "type-optimal
cluster" is a strict local maximum of V_i; the solvers confirm it is one.
"""
from .params import (ClusterParams, ClusterSolveError, ModelSpec, NoConvergence, NoInteriorOptimum,
                     as_cluster_params, cluster_parameters)
from ._numerics import BudgetExceeded, ModelRequirementFailed
from .optima import (CPEAllocation, ContractCurve, ParetoCluster, TypeOptimalCluster, contract_curve,
                     contract_surface, cpe_allocation, pareto_cluster, type_optimal_cluster, weight_grid)
from .equilibria import (Membership, PartitionAllocation, PartitionType, ScaleInterval,
                         SpecializedCities, SymmetricEquilibria, in_autarky_set, in_stable_set,
                         partition_utilities, specialized, symmetric_equilibria)

__all__ = [
    # parameters and errors
    "ClusterParams", "ModelSpec", "cluster_parameters", "as_cluster_params",
    "ClusterSolveError", "NoInteriorOptimum", "NoConvergence", "ModelRequirementFailed", "BudgetExceeded",
    # Section IV
    "type_optimal_cluster", "pareto_cluster", "contract_curve", "contract_surface", "weight_grid",
    "TypeOptimalCluster", "ParetoCluster", "ContractCurve",
    # Section V
    "cpe_allocation", "CPEAllocation", "in_stable_set", "in_autarky_set", "Membership",
    "symmetric_equilibria", "SymmetricEquilibria", "ScaleInterval",
    # Sections VI-VII
    "specialized", "SpecializedCities", "partition_utilities", "PartitionAllocation", "PartitionType",
]
