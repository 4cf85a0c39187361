"""When a solver's result may be reported: the one acceptance rule for every solver result type.

A result is *confirmed* at working precision dps when both hold:

1. its residual, relative to the scale of the terms of its defining conditions, is at most
   `tolerance(dps)` = 10^-(dps - slack(dps)); and
2. the re-solve at the confirming precision (2 dps) agrees with it to at least
   `required_digits(dps)` = dps - slack(dps) significant digits,

with slack(dps) = max(2, dps // 10) (the last digits of a number rounded to dps digits may
differ from the exact value by rounding; a tenth of the digits, at least 2, is allowed for
that and for the conditioning of the problem). At dps = 50: residual <= 1e-45 and 45 digits
agreeing; at dps = 15: 1e-13 and 13 digits.

Every result type carries `residual`, `agreed_digits` and `dps`; those whose `residual` is not
already relative (the cluster solvers report |condition| in the model's own units) also carry
`residual_scale`, the magnitude of the condition's terms at the solution (sum_j |dF_k/dx_j x_j|
for a system F(x) = 0), and the rule divides by it. The abrs2017 city allocations report
relative residuals already (benefits in units of c n^gamma, populations in units of N).

`confirmed_or_raise(result, what)` returns the result, or raises `UnconfirmedResult` (a
ValueError, so the CLI exits 2) with one line saying which test failed and by how much.
"""
from __future__ import annotations

import mpmath

__all__ = ["UnconfirmedResult", "slack", "tolerance", "required_digits", "relative_residual",
           "confirmed_or_raise", "is_confirmed"]


class UnconfirmedResult(ValueError):
    """A solver result whose residual or two-precision agreement fails the acceptance rule."""

    def __init__(self, what: str, reason: str):
        self.what, self.reason = what, reason
        super().__init__(f"{what}: not confirmed: {reason}")


def slack(dps: int) -> int:
    """Digits a confirmed result may lose: max(2, dps // 10)."""
    return max(2, dps // 10)


def required_digits(dps: int) -> int:
    """Significant digits the re-solve at 2 dps must agree on: dps - slack(dps)."""
    return dps - slack(dps)


def tolerance(dps: int) -> mpmath.mpf:
    """The largest relative residual accepted at dps digits: 10^-(dps - slack(dps))."""
    return mpmath.mpf(10) ** (-required_digits(dps))


def relative_residual(result) -> mpmath.mpf:
    """residual / residual_scale (residual_scale defaults to 1: an already relative residual);
    a result made of several (a contract curve) gives its own `relative_residual`."""
    own = getattr(result, "relative_residual", None)
    if own is not None:
        return mpmath.mpf(own)
    residual = mpmath.mpf(result.residual)
    scale = getattr(result, "residual_scale", None)
    if scale is None:
        return abs(residual)
    scale = mpmath.mpf(scale)
    if residual == 0:
        return mpmath.mpf(0)
    if not scale > 0 or not mpmath.isfinite(scale):
        return mpmath.inf
    return abs(residual) / scale


def _failure(result) -> str | None:
    dps = result.dps
    with mpmath.workdps(max(dps, 15) + 5):
        res = relative_residual(result)
        if not mpmath.isfinite(res) or res > tolerance(dps):
            relative = (getattr(result, "residual_scale", None) is not None
                        or getattr(result, "relative_residual", None) is not None)
            kind = "relative residual" if relative else "residual"
            return (f"{kind} {mpmath.nstr(res, 5)} exceeds the working tolerance "
                    f"{mpmath.nstr(tolerance(dps), 3)} at {dps} digits")
    digits = result.agreed_digits
    if digits is None:
        return f"it was not re-solved at the confirming precision {2 * dps} digits"
    if digits < required_digits(dps):
        return (f"only {digits} of {dps} digits agree with the re-solve at {2 * dps} digits "
                f"(at least {required_digits(dps)} needed; raise --dps or check the parameters' scale)")
    return None


def is_confirmed(result) -> bool:
    """Whether `result` passes the acceptance rule (see the module docstring)."""
    return _failure(result) is None


def confirmed_or_raise(result, what: str):
    """`result` if it passes the acceptance rule, else UnconfirmedResult naming `what` failed."""
    reason = _failure(result)
    if reason is not None:
        raise UnconfirmedResult(what, reason)
    return result
