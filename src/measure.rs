//! Exact interval arithmetic for published figures, and the rounding-tolerance rule of
//! domain.md §5 (尾数误差): the one implementation every rule of the linter uses.
//!
//! A figure written with d decimals stands for every value within ½·10^−d of it: `975.8` is
//! 975.75…975.85. A [`Measure`] carries that interval through +, −, × and ÷, and
//! [`Measure::agreement`] says whether a stated figure is the computed one, a rounding
//! difference, a precision slip, or a mismatch.
//!
//! Everything is `Decimal`, never binary floating point. Where `Decimal` cannot hold a bound
//! exactly (1/3, or a product past 28 decimals) the bound is moved one unit of its last place
//! outward, so an interval always contains every value its inputs allow. Overflow is
//! [`ArithError::Overflow`], never a panic.

use rust_decimal::{Decimal, RoundingStrategy};

/// The most decimals a `Decimal` holds.
const MAX_SCALE: u32 = 28;

/// A figure with the interval it stands for.
///
/// `975.8` written in a table is `{ value: 975.8, lo: 975.75, hi: 975.85, decimals: 1 }`;
/// `975.80 / 1022.64` is `{ value: 0.954196…, lo: 0.954187…, hi: 0.954206…, decimals: None }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The point value (as written, or as computed from the point values of the inputs).
    pub value: Decimal,
    /// Lower bound of the interval (`975.75` for `975.8`); `None` = unbounded below.
    pub lo: Option<Decimal>,
    /// Upper bound of the interval (`975.85` for `975.8`); `None` = unbounded above.
    pub hi: Option<Decimal>,
    /// The number of decimals it was written with, when it is a single written figure
    /// (a table cell, a number in a sentence); `None` for computed values and exact constants.
    pub decimals: Option<u32>,
}

/// Why an operation on measures has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArithError {
    /// A divisor whose point value is 0: `12.11 / 0.00`.
    #[error("division by zero")]
    DivisionByZero,
    /// A result beyond the range of `Decimal` (about ±7.9·10^28): `Decimal::MAX × 2`.
    #[error("arithmetic overflow")]
    Overflow,
}

/// How a stated figure agrees with the figure computed from other figures, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Agreement {
    /// The stated figure is the computed point value rounded (half away from zero, 四舍五入) to
    /// the stated decimals: `95.42%` for 975.80 / 1022.64 = 95.4197…%.
    Exact,
    /// Not that, but the two intervals overlap: a rounding difference (尾数误差), silent by
    /// default. `107.49%` for 1022.32 / 951.03 = 107.4961…% (the inputs allow 107.49499…%).
    Rounding,
    /// Outside the intervals, but the stated figure equals the computed point value TRUNCATED
    /// (toward zero) to the stated decimals: a precision slip (1.49% written for 1.4971%).
    PrecisionSlip,
    /// Anything else: the figures disagree (85% stated for 0.24 / 0.30 = 80%).
    Mismatch,
}

/// Which way a bound that `Decimal` cannot hold exactly is moved.
#[derive(Clone, Copy)]
enum Dir {
    Down,
    Up,
}

/// A bound on the extended line: a `None` lower bound is `NegInf`, a `None` upper bound `PosInf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ext {
    NegInf,
    Fin(Decimal),
    PosInf,
}

impl Ext {
    /// −1, 0 or 1.
    fn signum(self) -> i8 {
        self.cmp(&Ext::Fin(Decimal::ZERO)) as i8
    }

    /// Zero, or the infinity of the given sign: the product or quotient of a finite and an
    /// infinite bound (0·∞ = 0 is the convention under which endpoint products give the hull).
    fn infinite(sign: i8) -> Ext {
        [Ext::NegInf, Ext::Fin(Decimal::ZERO), Ext::PosInf][(sign.signum() + 1) as usize]
    }

    fn finite(self) -> Option<Decimal> {
        match self {
            Ext::Fin(d) => Some(d),
            _ => None,
        }
    }
}

type Bounds = (Option<Decimal>, Option<Decimal>);
type ExtOp = fn(Ext, Ext, Dir) -> Result<Ext, ArithError>;

fn computed(value: Decimal, (lo, hi): Bounds) -> Measure {
    let decimals = None;
    Measure {
        value,
        lo,
        hi,
        decimals,
    }
}

fn ovf(r: Option<Decimal>) -> Result<Decimal, ArithError> {
    r.ok_or(ArithError::Overflow)
}

/// `r` as is when it is exact, else moved one unit of its last place in `dir`.
fn outward(r: Decimal, exact: bool, dir: Dir) -> Result<Decimal, ArithError> {
    if exact {
        return Ok(r);
    }
    let ulp = Decimal::new(1, if r.is_zero() { MAX_SCALE } else { r.scale() });
    ovf(match dir {
        Dir::Down => r.checked_sub(ulp),
        Dir::Up => r.checked_add(ulp),
    })
}

// `Decimal` rounds only by dropping decimals, so a result with the full scale of its inputs
// (max of the two for a sum, their total for a product) is exact.
fn add_bound(a: Decimal, b: Decimal, dir: Dir) -> Result<Decimal, ArithError> {
    let r = ovf(a.checked_add(b))?;
    let exact = a.is_zero() || b.is_zero() || r.is_zero() || r.scale() >= a.scale().max(b.scale());
    outward(r, exact, dir)
}

fn mul_bound(a: Decimal, b: Decimal, dir: Dir) -> Result<Decimal, ArithError> {
    let r = ovf(a.checked_mul(b))?;
    let exact = a.is_zero() || b.is_zero() || (!r.is_zero() && r.scale() == a.scale() + b.scale());
    outward(r, exact, dir)
}

/// `a / b` for `b ≠ 0`; exact when the quotient times `b`, itself computed exactly, gives back `a`.
fn div_bound(a: Decimal, b: Decimal, dir: Dir) -> Result<Decimal, ArithError> {
    let q = ovf(a.checked_div(b))?;
    let back = |p: Decimal| p.scale() == q.scale() + b.scale() && p == a;
    let exact = a.is_zero() || (!q.is_zero() && q.checked_mul(b).is_some_and(back));
    outward(q, exact, dir)
}

fn ext_mul(x: Ext, y: Ext, dir: Dir) -> Result<Ext, ArithError> {
    Ok(match (x, y) {
        (Ext::Fin(a), Ext::Fin(b)) => Ext::Fin(mul_bound(a, b, dir)?),
        _ => Ext::infinite(x.signum() * y.signum()),
    })
}

/// `x / y` for a `y` that is not zero. ∞/∞ is taken as 0: the other endpoint quotients already
/// span 0…±∞, so it adds nothing to the hull.
fn ext_div(x: Ext, y: Ext, dir: Dir) -> Result<Ext, ArithError> {
    Ok(match (x, y) {
        (Ext::Fin(a), Ext::Fin(b)) => Ext::Fin(div_bound(a, b, dir)?),
        (Ext::NegInf | Ext::PosInf, Ext::Fin(_)) => Ext::infinite(x.signum() * y.signum()),
        _ => Ext::Fin(Decimal::ZERO),
    })
}

/// The hull of `op` over the endpoints of two intervals: the least of the four results rounded
/// down, the greatest rounded up.
fn hull(xs: [Ext; 2], ys: [Ext; 2], op: ExtOp) -> Result<Bounds, ArithError> {
    let (mut lo, mut hi) = (Ext::PosInf, Ext::NegInf);
    for x in xs {
        for y in ys {
            lo = lo.min(op(x, y, Dir::Down)?);
            hi = hi.max(op(x, y, Dir::Up)?);
        }
    }
    Ok((lo.finite(), hi.finite()))
}

/// The hull of 1/y over the non-zero y of an interval that contains 0: [1/hi, +∞) when it
/// starts at 0, (−∞, 1/lo] when it ends at 0, and the whole line when 0 is inside.
fn reciprocal_hull(m: &Measure) -> Result<[Ext; 2], ArithError> {
    let [lo, hi] = m.ext();
    let inv = |e: Ext, dir| match e {
        Ext::Fin(d) => div_bound(Decimal::ONE, d, dir).map(Ext::Fin),
        _ => Ok(Ext::Fin(Decimal::ZERO)),
    };
    Ok(match (lo.signum(), hi.signum()) {
        (0, 1) => [inv(hi, Dir::Down)?, Ext::PosInf],
        (-1, 0) => [Ext::NegInf, inv(lo, Dir::Up)?],
        _ => [Ext::NegInf, Ext::PosInf],
    })
}

impl Measure {
    /// An exact constant: `Measure::exact(100)` is 100…100, for turning a ratio into a percent.
    pub fn exact(value: Decimal) -> Measure {
        computed(value, (Some(value), Some(value)))
    }

    /// A figure written with `decimals` decimals: `written(975.8, 1)` is 975.75…975.85,
    /// `written(0.30, 2)` is 0.295…0.305, `written(67, 0)` is 66.5…67.5. A bound beyond the
    /// range of `Decimal` is left unbounded.
    pub fn written(value: Decimal, decimals: u32) -> Measure {
        // ½·10^−d = 5·10^−(d+1); past 27 decimals, 10^−28 is the nearest wider half-width.
        let half =
            Decimal::try_new(5, decimals.saturating_add(1)).unwrap_or(Decimal::new(1, MAX_SCALE));
        Measure {
            value,
            lo: add_bound(value, -half, Dir::Down).ok(),
            hi: add_bound(value, half, Dir::Up).ok(),
            decimals: Some(decimals),
        }
    }

    /// The measure of a number read from the report: the cell `1,022.32` is 1022.315…1022.325.
    pub fn from_number(n: &crate::report::Number) -> Measure {
        Measure::written(n.value, n.decimals)
    }

    /// Half the width of the interval: 0.05 for `975.8`, 0 for an exact constant; `None` when
    /// unbounded.
    pub fn half_width(&self) -> Option<Decimal> {
        self.hi?.checked_sub(self.lo?)?.checked_div(Decimal::TWO)
    }

    /// The sum: `975.8 + 46.52` is 1022.32, standing for 1022.265…1022.375.
    pub fn add(&self, other: &Measure) -> Result<Measure, ArithError> {
        let value = ovf(self.value.checked_add(other.value))?;
        let bound = |a: Option<Decimal>, b: Option<Decimal>, dir| match (a, b) {
            (Some(a), Some(b)) => add_bound(a, b, dir).map(Some),
            _ => Ok(None),
        };
        let lo = bound(self.lo, other.lo, Dir::Down)?;
        Ok(computed(value, (lo, bound(self.hi, other.hi, Dir::Up)?)))
    }

    /// The difference, [a.lo − b.hi, a.hi − b.lo]: `1022.32 − 975.8` is 46.52, standing for
    /// 46.465…46.575.
    pub fn sub(&self, other: &Measure) -> Result<Measure, ArithError> {
        self.add(&other.neg())
    }

    /// The negation; a written figure stays written: `−(1.5)` is −1.55…−1.45 with 1 decimal.
    pub fn neg(&self) -> Measure {
        Measure {
            value: -self.value,
            lo: self.hi.map(|h| -h),
            hi: self.lo.map(|l| -l),
            decimals: self.decimals,
        }
    }

    /// The absolute value; a written figure stays written. `|−1.5|` is 1.45…1.55, and an
    /// interval across 0 starts at 0: |−0.2…0.1| is 0…0.2.
    pub fn abs(&self) -> Measure {
        let (lo, hi) = match (self.lo, self.hi) {
            (Some(l), hi) if l >= Decimal::ZERO => (Some(l), hi),
            (lo, Some(h)) if h <= Decimal::ZERO => (Some(-h), lo.map(|l| -l)),
            (Some(l), Some(h)) => (Some(Decimal::ZERO), Some(h.max(-l))),
            _ => (Some(Decimal::ZERO), None),
        };
        let decimals = self.decimals;
        Measure {
            value: self.value.abs(),
            lo,
            hi,
            decimals,
        }
    }

    /// The product, bounded by the least and greatest of the four endpoint products:
    /// `(−2…3) × (−5…4)` is −15…12; `0.24 × 100` is 23.5…24.5 for `0.24` written.
    pub fn mul(&self, other: &Measure) -> Result<Measure, ArithError> {
        let value = ovf(self.value.checked_mul(other.value))?;
        Ok(computed(value, hull(self.ext(), other.ext(), ext_mul)?))
    }

    /// The quotient: `1022.32 / 951.03` is 1.07496…, standing for 1.0749499…1.0749717….
    ///
    /// Err(DivisionByZero) when the divisor's POINT value is 0. When the divisor's interval
    /// contains 0 but its point value does not (a point 0.004 standing for −0.001…0.009), the result
    /// interval is unbounded on the side(s) that division makes infinite (`None`): 1 / (0…0.01)
    /// is 100…+∞, 1 / (−0.001…0.009) is −∞…+∞.
    pub fn div(&self, other: &Measure) -> Result<Measure, ArithError> {
        if other.value.is_zero() {
            return Err(ArithError::DivisionByZero);
        }
        let value = ovf(self.value.checked_div(other.value))?;
        let zero_free = other.lo.is_some_and(|l| l > Decimal::ZERO)
            || other.hi.is_some_and(|h| h < Decimal::ZERO);
        let bounds = if zero_free {
            hull(self.ext(), other.ext(), ext_div)?
        } else {
            hull(self.ext(), reciprocal_hull(other)?, ext_mul)?
        };
        Ok(computed(value, bounds))
    }

    /// The sum of many, e.g. the parts of a total; `Measure::exact(0)` for none.
    /// Three parts `1.00`, `2.00`, `3.00` sum to 6, standing for 5.985…6.015.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Measure>) -> Result<Measure, ArithError> {
        items
            .into_iter()
            .try_fold(Measure::exact(Decimal::ZERO), |acc, m| acc.add(m))
    }

    /// The measure times 10^`k` (divided by 10^−`k` when `k` is negative), exactly: the unit
    /// conversion of an amount, bounds and all. `962.82` (万元, 962.815…962.825) scaled by 4 is
    /// 9628200 元, standing for 9628150…9628250; `9628221.34` (元) scaled by −4 is 962.822134
    /// 万元, standing for 962.8221335…962.8221345. The result is a computed figure (its interval
    /// is kept, not re-derived from decimals). A result beyond the range of `Decimal` (a huge 元
    /// figure × 10000) is [`ArithError::Overflow`].
    pub fn scaled(&self, k: i32) -> Result<Measure, ArithError> {
        if k == 0 {
            return Ok(self.clone());
        }
        if k.unsigned_abs() > MAX_SCALE {
            return Err(ArithError::Overflow);
        }
        let power = Decimal::try_from_i128_with_scale(10i128.pow(k.unsigned_abs()), 0)
            .map_err(|_| ArithError::Overflow)?;
        let factor = Measure::exact(power);
        if k > 0 {
            self.mul(&factor)
        } else {
            self.div(&factor)
        }
    }

    /// Whether the two intervals overlap; touching counts, and an unbounded side overlaps
    /// everything on that side. `6.02` (6.015…6.025) overlaps 5.985…6.015; `6.03` does not.
    ///
    /// A total and its parts agree under the sum rule of domain.md §5 (XBRL Calculations 1.1,
    /// |total − Σ parts| ≤ ½·(10^−d_total + Σ 10^−d_part)) exactly when
    /// `Measure::written(total).overlaps(&Measure::sum(parts)?)`.
    pub fn overlaps(&self, other: &Measure) -> bool {
        let le = |lo: Option<Decimal>, hi: Option<Decimal>| match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        };
        le(self.lo, other.hi) && le(other.lo, self.hi)
    }

    /// The tolerance rule: how `stated` agrees with `computed`.
    ///
    /// With d the stated decimals: [`Agreement::Exact`] when the computed point value rounded
    /// half away from zero to d decimals equals the stated value (numerically: 80 = 80.00);
    /// else [`Agreement::Rounding`] when the intervals overlap; else
    /// [`Agreement::PrecisionSlip`] when the computed point value truncated to d decimals
    /// equals it; else [`Agreement::Mismatch`]. A stated figure without decimals (an exact
    /// constant) is Exact only when the points are equal, and never a slip.
    ///
    /// ```
    /// use fislint::measure::{Agreement, Measure};
    /// use rust_decimal::Decimal;
    /// let w = |s: &str| { let v = Decimal::from_str_exact(s).unwrap(); Measure::written(v, v.scale()) };
    /// let rate = w("12.11").div(&w("808.92")).unwrap()
    ///     .mul(&Measure::exact(Decimal::ONE_HUNDRED)).unwrap(); // 1.4971%
    /// assert_eq!(Measure::agreement(&w("1.50"), &rate), Agreement::Exact);
    /// assert_eq!(Measure::agreement(&w("1.49"), &rate), Agreement::PrecisionSlip);
    /// assert_eq!(Measure::agreement(&w("1.40"), &rate), Agreement::Mismatch);
    /// ```
    pub fn agreement(stated: &Measure, computed: &Measure) -> Agreement {
        let d = stated.decimals.map(|d| d.min(MAX_SCALE));
        let strategy = RoundingStrategy::MidpointAwayFromZero;
        let rounded = d.map_or(computed.value, |d| {
            computed.value.round_dp_with_strategy(d, strategy)
        });
        if rounded == stated.value {
            Agreement::Exact
        } else if stated.overlaps(computed) {
            Agreement::Rounding
        } else if d.is_some_and(|d| computed.value.trunc_with_scale(d) == stated.value) {
            Agreement::PrecisionSlip
        } else {
            Agreement::Mismatch
        }
    }

    fn ext(&self) -> [Ext; 2] {
        [
            self.lo.map_or(Ext::NegInf, Ext::Fin),
            self.hi.map_or(Ext::PosInf, Ext::Fin),
        ]
    }
}

/// A `Decimal` stored by its 16 bytes (`Decimal::serialize`), exact and independent of any text
/// form: `#[serde(with = "crate::measure::decimal_bits")]`.
pub(crate) mod decimal_bits {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        d.serialize().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        <[u8; 16]>::deserialize(d).map(Decimal::deserialize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Agreement::*;
    use ArithError::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// `"975.8"` as written: 975.8 with 1 decimal.
    fn w(s: &str) -> Measure {
        let v = d(s);
        Measure::written(v, v.scale())
    }

    /// `"-2..3"`: an interval by its bounds, its point value the midpoint.
    fn iv(s: &str) -> Measure {
        let (lo, hi) = s.split_once("..").unwrap();
        computed((d(lo) + d(hi)) / Decimal::TWO, (Some(d(lo)), Some(d(hi))))
    }

    /// The bounds as `"lo..hi"`, an unbounded side as `∞`.
    fn show(m: &Measure) -> String {
        let side =
            |b: Option<Decimal>, inf: &str| b.map_or(inf.into(), |b| b.normalize().to_string());
        format!("{}..{}", side(m.lo, "-∞"), side(m.hi, "∞"))
    }

    fn e(s: &str) -> Measure {
        Measure::exact(d(s))
    }

    fn agree(stated: &str, computed: &Measure) -> Agreement {
        Measure::agreement(&w(stated), computed)
    }

    /// `a / b` as a percent, from written inputs.
    fn rate(a: &str, b: &str) -> Measure {
        let hundred = Measure::exact(Decimal::ONE_HUNDRED);
        w(a).div(&w(b)).and_then(|r| r.mul(&hundred)).unwrap()
    }

    fn sum_of(parts: &[&str]) -> Measure {
        Measure::sum(&parts.iter().map(|p| w(p)).collect::<Vec<_>>()).unwrap()
    }

    /// Checks the sum rule of domain.md §5, computed on its own, against `overlaps`, and returns
    /// how the total agrees with its parts.
    fn check_sum(total: &str, parts: &[&str]) -> Agreement {
        let unit = |s: &str| Decimal::new(1, d(s).scale());
        let units: Decimal = parts.iter().map(|p| unit(p)).sum();
        let sum: Decimal = parts.iter().map(|p| d(p)).sum();
        let rule = (d(total) - sum).abs() <= (unit(total) + units) / Decimal::TWO;
        let sum = sum_of(parts);
        assert_eq!(w(total).overlaps(&sum), rule, "{total}");
        agree(total, &sum)
    }

    #[test]
    fn written_intervals() {
        assert_eq!(show(&w("975.8")), "975.75..975.85");
        assert_eq!(show(&w("0.30")), "0.295..0.305");
        assert_eq!(show(&w("67")), "66.5..67.5");
        assert_eq!(show(&w("-1.5")), "-1.55..-1.45");
        assert_eq!(w("975.8").decimals, Some(1));
        assert_eq!(w("975.8").half_width(), Some(d("0.05")));
        assert_eq!(e("3").half_width(), Some(Decimal::ZERO));
        let written = "1,022.32".into();
        let n = crate::report::Number {
            value: d("1022.32"),
            decimals: 2,
            written,
        };
        assert_eq!(Measure::from_number(&n), w("1022.32"));
    }

    #[test]
    fn sum_rule_two_decimal_parts_tolerate_n_plus_one_halves() {
        // Three parts: (3 + 1) · 0.005 = 0.02 either way.
        let parts = ["1.00", "2.00", "3.00"];
        assert_eq!(check_sum("6.00", &parts), Exact);
        assert_eq!(check_sum("6.02", &parts), Rounding); // exactly at the bound
        assert_eq!(check_sum("5.98", &parts), Rounding);
        assert_eq!(check_sum("6.03", &parts), Mismatch); // just past it
        assert_eq!(check_sum("5.97", &parts), Mismatch);
        // One part more: 0.025. 6.02 still in, 6.03 still out.
        let parts = ["1.00", "2.00", "1.50", "1.50"];
        assert_eq!(check_sum("6.02", &parts), Rounding);
        assert_eq!(check_sum("6.03", &parts), Mismatch);
    }

    #[test]
    fn sum_rule_matches_the_formula_on_a_grid() {
        for i in -20..=20 {
            let (hundredths, tenths) = (Decimal::new(i, 2), Decimal::new(i, 1));
            for total in [d("3.62") + hundredths, d("3.6") + tenths] {
                check_sum(&total.to_string(), &["1.23", "2.34", "0.05"]);
            }
        }
    }

    #[test]
    fn sum_rule_with_different_decimals() {
        // Total with 1 decimal, parts with 2: ½·(0.1 + 0.01 + 0.01) = 0.06.
        assert_eq!(check_sum("3.5", &["1.23", "2.33"]), Rounding); // |3.5 − 3.56| = 0.06
        assert_eq!(check_sum("3.6", &["1.23", "2.30"]), Mismatch); // 0.07
        assert_eq!(check_sum("3.6", &["1.23", "2.34"]), Exact);
        // 0.07 off, but 3.57 truncated is 3.5: the rule calls that a slip, for sums too.
        assert_eq!(check_sum("3.5", &["1.23", "2.34"]), PrecisionSlip);
        // Total with 0 decimals: ½·(1 + 0.02) = 0.51.
        assert_eq!(check_sum("30", &["10.25", "19.24"]), Rounding); // |30 − 29.49| = 0.51
        assert_eq!(check_sum("30", &["10.25", "19.23"]), Mismatch); // 0.52
        assert_eq!(check_sum("31", &["10.25", "20.24"]), Rounding); // |31 − 30.49| = 0.51
                                                                    // Total with more decimals than its parts: ½·(0.001 + 0.1 + 0.1) = 0.1005.
        assert_eq!(check_sum("4.700", &["1.2", "3.4"]), Rounding); // 0.100
        assert_eq!(check_sum("4.701", &["1.2", "3.4"]), Mismatch); // 0.101
        assert_eq!(check_sum("4.499", &["1.2", "3.4"]), Mismatch);
    }

    #[test]
    fn seed_rates() {
        // 1022.32 / 951.03 = 107.4961%: rounds to 107.50, but the inputs allow 107.49499…
        let r = rate("1022.32", "951.03");
        assert!(r.lo.unwrap() > d("107.4949") && r.lo.unwrap() < d("107.495"));
        assert!(r.hi.unwrap() > d("107.4971") && r.hi.unwrap() < d("107.4972"));
        assert_eq!(agree("107.49", &r), Rounding);
        assert_eq!(agree("107.50", &r), Exact);
        // 12.11 / 808.92 = 1.4971% (1.4964…1.4977): 1.49 is a truncation.
        let r = rate("12.11", "808.92");
        assert!(r.lo.unwrap() > d("1.4964") && r.hi.unwrap() < d("1.4977"));
        assert_eq!(agree("1.49", &r), PrecisionSlip);
        assert_eq!(agree("1.50", &r), Exact);
        // 975.80 / 1022.64 = 95.4197%; 376.62 / 167.97 = 224.2186%.
        assert_eq!(agree("95.42", &rate("975.80", "1022.64")), Exact);
        assert_eq!(agree("224.22", &rate("376.62", "167.97")), Exact);
        // 0.24 / 0.30 = 80%, allowing 77.05…83.05%.
        let r = rate("0.24", "0.30");
        assert_eq!((agree("80", &r), agree("80.00", &r)), (Exact, Exact));
        assert_eq!((agree("83", &r), agree("85", &r)), (Rounding, Mismatch));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let c = e("0.125");
        assert_eq!(agree("0.13", &c), Exact);
        assert_eq!(agree("0.12", &c), Rounding); // 0.115…0.125 touches 0.125
        assert_eq!(agree("-0.13", &c.neg()), Exact);
        assert_eq!(agree("-0.12", &e("-0.1299")), PrecisionSlip);
    }

    #[test]
    fn stated_without_decimals() {
        let c = iv("0.79..0.81");
        assert_eq!(Measure::agreement(&e("0.80"), &c), Exact);
        assert_eq!(Measure::agreement(&e("0.81"), &c), Rounding);
        // 0.8 is 0.82 truncated to 1 decimal, but a slip needs written decimals.
        assert_eq!(Measure::agreement(&e("0.8"), &e("0.82")), Mismatch);
    }

    #[test]
    fn symmetry() {
        let ms = [w("6.02"), w("6.0"), w("5.97"), iv("5.985..6.015")];
        for a in &ms {
            assert_eq!(Measure::agreement(a, a), Exact);
            for b in &ms {
                assert_eq!(a.overlaps(b), b.overlaps(a));
            }
        }
        for s in "975.8 -2.345 0 0.30 67".split(' ') {
            assert_eq!(agree(s, &w(s)), Exact);
        }
        assert_eq!(
            Measure::agreement(&rate("0.24", "0.30"), &rate("0.24", "0.30")),
            Exact
        );
    }

    #[test]
    fn fewer_decimals_never_lose_an_overlap() {
        let sum = sum_of(&["1.00", "2.00", "3.00"]);
        for c in [&rate("1022.32", "951.03"), &sum, &w("5.5")] {
            for v in "107.4912 107.4989 6.0249 5.9751 5.5449 1.4999"
                .split(' ')
                .map(d)
            {
                for dec in 1..=4 {
                    if Measure::written(v, dec).overlaps(c) {
                        assert!(Measure::written(v, dec - 1).overlaps(c), "{v} {dec}");
                    }
                }
            }
        }
    }

    #[test]
    fn division_by_zero() {
        let div = |a: Measure, b: Measure| a.div(&b).map(|q| show(&q));
        let (zero, one) = (e("0"), e("1"));
        assert_eq!(one.div(&zero), Err(DivisionByZero));
        assert_eq!(w("12.11").div(&w("0.00")), Err(DivisionByZero));
        // 0.004 with 3 decimals is 0.0035…0.0045: bounded, 222.2…285.8.
        let q = one.div(&w("0.004")).unwrap();
        assert_eq!(q.value, d("250"));
        assert!(q.lo.unwrap() > d("222.2") && q.hi.unwrap() < d("285.72"));
        // An interval across 0: unbounded both ways, but 0 divided by it is still 0.
        assert_eq!(div(one.clone(), iv("-0.001..0.009")), Ok("-∞..∞".into()));
        assert_eq!(div(zero, iv("-0.001..0.009")), Ok("0..0".into()));
        // An interval ending at 0: unbounded on one side only.
        assert_eq!(div(one.clone(), iv("0..0.01")), Ok("100..∞".into()));
        assert_eq!(div(one.clone(), iv("-0.01..0")), Ok("-∞..-100".into()));
        assert_eq!(div(one.neg(), iv("0..0.01")), Ok("-∞..-100".into()));
        assert_eq!(div(iv("-1..1"), iv("0..0.01")), Ok("-∞..∞".into()));
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Measure::exact(Decimal::MAX);
        assert_eq!(max.mul(&max), Err(Overflow));
        assert_eq!(max.add(&max), Err(Overflow));
        assert_eq!(max.neg().sub(&max), Err(Overflow));
        assert_eq!(max.div(&e("0.1")), Err(Overflow));
        // A written figure at the edge of the range is unbounded there, not a panic.
        assert_eq!(Measure::written(Decimal::MAX, 0).hi, None);
    }

    #[test]
    fn signs_in_mul_div_sub() {
        for (a, b, product, quotient, difference) in [
            ("-2..3", "-5..4", "-15..12", "-∞..∞", "-6..8"),
            ("-3..-2", "4..5", "-15..-8", "-0.75..-0.4", "-8..-6"),
            ("-3..-2", "-5..-4", "8..15", "0.4..0.75", "1..3"),
            ("-2..3", "4..5", "-10..15", "-0.5..0.75", "-7..-1"),
            ("1..2", "-4..-2", "-8..-2", "-1..-0.25", "3..6"),
        ] {
            let (a, b) = (iv(a), iv(b));
            assert_eq!(show(&a.mul(&b).unwrap()), product, "{a:?} × {b:?}");
            assert_eq!(show(&a.div(&b).unwrap()), quotient, "{a:?} / {b:?}");
            assert_eq!(show(&a.sub(&b).unwrap()), difference, "{a:?} − {b:?}");
        }
        let diff = w("1022.32").sub(&w("975.8")).unwrap();
        assert_eq!((diff.value, diff.decimals), (d("46.52"), None));
        assert_eq!(show(&diff), "46.465..46.575");
    }

    #[test]
    fn neg_and_abs_keep_written_decimals() {
        let n = w("1.5").neg();
        assert_eq!((n.value, n.decimals), (d("-1.5"), Some(1)));
        assert_eq!(show(&n), "-1.55..-1.45");
        assert_eq!(n.abs(), w("1.5"));
        assert_eq!(show(&iv("-0.2..0.1").abs()), "0..0.2");
        assert_eq!(show(&w("0.00").abs()), "0..0.005");
        assert_eq!(w("0.00").abs().decimals, Some(2));
    }

    #[test]
    fn unit_conversion_is_exact_and_keeps_each_interval() {
        // 962.82 万元 is 9628200 元, ±50 元.
        let wan = w("962.82").scaled(4).unwrap();
        assert_eq!((wan.value, wan.decimals), (d("9628200"), None));
        assert_eq!(show(&wan), "9628150..9628250");
        // 9,628,221.34 元 is 962.822134 万元, ±0.0000005.
        let yuan = w("9628221.34").scaled(-4).unwrap();
        assert_eq!(yuan.value, d("962.822134"));
        assert_eq!(show(&yuan), "962.8221335..962.8221345");
        // There and back is the same interval.
        assert_eq!(show(&yuan.scaled(4).unwrap()), show(&w("9628221.34")));
        // Judged at the stated figure's own decimals: 962.82 万 agrees, 962.83 万 does not.
        assert_eq!(agree("962.82", &yuan), Exact);
        assert_eq!(agree("962.83", &yuan), Mismatch);
        assert_eq!(
            agree("1720.00", &w("17200000.00").scaled(-4).unwrap()),
            Exact
        );
        // 962.8 truncates 962.822134: a slip, as in one unit.
        assert_eq!(agree("962.8", &e("962.87")), PrecisionSlip);
        assert_eq!(w("5").scaled(0).unwrap(), w("5"));
    }

    #[test]
    fn unit_conversion_overflow_is_an_error() {
        let huge = Measure::written(Decimal::MAX / d("100"), 0);
        assert_eq!(huge.scaled(4), Err(Overflow));
        assert_eq!(w("1").scaled(40), Err(Overflow));
        assert_eq!(w("1").scaled(-40), Err(Overflow));
    }

    #[test]
    fn inexact_quotients_are_rounded_outward() {
        let one = e("1");
        let third = one.div(&e("3")).unwrap();
        let (lo, hi) = (third.lo.unwrap(), third.hi.unwrap());
        assert!(lo * d("3") < Decimal::ONE && hi * d("3") > Decimal::ONE);
        assert_eq!(show(&one.div(&e("4")).unwrap()), "0.25..0.25");
        assert_eq!(Measure::sum(&[]).unwrap(), Measure::exact(Decimal::ZERO));
    }
}
