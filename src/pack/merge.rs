//! The packs of a chain merged into one list of rules: duplicate ids, params, overrides.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::{PackError, PackErrorKind};
use super::load::Pack;
use super::model::{Param, ResolvedRule};
use super::read::{list, Action};

/// The chain merged: pack ids, params, rules.
pub(crate) struct Merged {
    pub chain: Vec<String>,
    pub params: BTreeMap<String, Param>,
    pub rules: Vec<ResolvedRule>,
}

/// Merges `packs` (most basic first, the root last), recording every error in `errors`.
pub(crate) fn merge(packs: &[Pack], errors: &mut Vec<PackError>) -> Merged {
    let mut merged = Merged {
        chain: Vec::new(),
        params: BTreeMap::new(),
        rules: Vec::new(),
    };
    // Rule id → (pack index, its first definition).
    let mut seen: HashMap<String, (usize, usize, std::ops::Range<usize>)> = HashMap::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let closure = closures(packs);
    let mut pack_ids: HashMap<&str, (usize, std::ops::Range<usize>)> = HashMap::new();
    for (p, pack) in packs.iter().enumerate() {
        let id = pack.pack.id.as_ref().map_or("", |id| id.text.as_str());
        if let Some(located) = &pack.pack.id {
            if let Some((file, span)) = pack_ids.get(id) {
                errors.push(
                    PackError::new(
                        pack.file,
                        located.span.clone(),
                        PackErrorKind::DuplicatePack { id: id.to_string() },
                    )
                    .with_related(*file, span.clone(), "首次定义于此"),
                );
            } else {
                pack_ids.insert(id, (pack.file, located.span.clone()));
            }
        }
        merged.chain.push(id.to_string());
        for (name, param) in &pack.pack.params {
            merged.params.insert(name.clone(), param.clone());
        }
        for entry in pack.included.iter().chain(&pack.pack.rules) {
            if let Some(rule_id) = &entry.id {
                if let Some((_, file, span)) = seen.get(&rule_id.text) {
                    errors.push(
                        PackError::new(
                            entry.file,
                            rule_id.span.clone(),
                            PackErrorKind::DuplicateRule {
                                id: rule_id.text.clone(),
                            },
                        )
                        .with_related(*file, span.clone(), "首次定义于此"),
                    );
                    continue;
                }
                seen.insert(rule_id.text.clone(), (p, entry.file, rule_id.span.clone()));
            }
            if let Some(def) = &entry.def {
                let mut def = def.clone();
                def.pack = id.to_string();
                index.insert(def.id.clone(), merged.rules.len());
                merged.rules.push(ResolvedRule {
                    severity: def.severity,
                    enabled: true,
                    params: def.params.clone(),
                    def,
                });
            }
        }
        if !pack.complete {
            continue;
        }
        for o in &pack.pack.overrides {
            let inherited = seen
                .get(&o.rule.text)
                .is_some_and(|(q, _, _)| closure[p].contains(q));
            if !inherited {
                let candidates = seen
                    .iter()
                    .filter(|(_, (q, _, _))| closure[p].contains(q))
                    .map(|(id, _)| id.as_str());
                errors.push(PackError::new(
                    pack.file,
                    o.rule.span.clone(),
                    PackErrorKind::UnknownOverride {
                        id: o.rule.text.clone(),
                        suggestion: closest(&o.rule.text, candidates),
                    },
                ));
                continue;
            }
            // A rule whose definition had errors has none to change.
            let Some(rule) = index.get(&o.rule.text).map(|&i| &mut merged.rules[i]) else {
                continue;
            };
            match &o.action {
                Action::Off => rule.enabled = false,
                Action::Change { severity, params } => {
                    rule.enabled = true;
                    if let Some(s) = severity {
                        rule.severity = *s;
                    }
                    for (name, value) in params {
                        if rule.def.params.contains_key(&name.text) {
                            rule.params.insert(name.text.clone(), value.clone());
                        } else {
                            let names: Vec<&str> =
                                rule.def.params.keys().map(String::as_str).collect();
                            errors.push(PackError::new(
                                pack.file,
                                name.span.clone(),
                                PackErrorKind::UnknownOverrideParam {
                                    rule: rule.def.id.clone(),
                                    param: name.text.clone(),
                                    expected: list(&names),
                                },
                            ));
                        }
                    }
                }
            }
        }
    }
    merged
}

/// For each pack, the packs it extends directly or through others. A pack's extended packs come
/// before it in `packs`, so one pass suffices.
fn closures(packs: &[Pack]) -> Vec<HashSet<usize>> {
    let mut out: Vec<HashSet<usize>> = Vec::with_capacity(packs.len());
    for pack in packs {
        let mut set = HashSet::new();
        for &c in &pack.extends {
            set.insert(c);
            if let Some(inner) = out.get(c) {
                set.extend(inner.iter().copied());
            }
        }
        out.push(set);
    }
    out
}

/// The candidate closest to `id` by edit distance, if it is close (a typo, not another rule).
fn closest<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (id.chars().count() / 4).clamp(1, 3);
    candidates
        .map(|c| (distance(id, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c.to_string())
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
