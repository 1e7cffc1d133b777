//! Shows how a file changes, as a unified diff of lines.
//!
//! In: the old and new text of a sidecar. Out: hunks of `-` and `+` lines with a little
//! context and their line numbers, for an editor to review before anything is written.
//! Sidecars are small, so a plain longest-common-subsequence table is fast enough.

/// The unified diff of `old` and `new`, labelled `name`, with `context` lines around each
/// change; empty when the texts are equal.
pub fn unified(name: &str, old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = operations(&a, &b);
    if ops.iter().all(|op| matches!(op, Op::Same(_))) {
        return String::new();
    }
    let mut out = format!("--- {name}\n+++ {name} (proposed)\n");
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(_)))
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let from = i.saturating_sub(context);
        let to = (i + context + 1).min(ops.len());
        match groups.last_mut() {
            Some(last) if from <= last.1 => last.1 = to,
            _ => groups.push((from, to)),
        }
    }
    for (from, to) in groups {
        let (mut old_line, mut new_line) = (1, 1);
        for op in &ops[..from] {
            match op {
                Op::Same(_) => {
                    old_line += 1;
                    new_line += 1;
                }
                Op::Removed(_) => old_line += 1,
                Op::Added(_) => new_line += 1,
            }
        }
        let hunk = &ops[from..to];
        let old_count = hunk.iter().filter(|op| !matches!(op, Op::Added(_))).count();
        let new_count = hunk
            .iter()
            .filter(|op| !matches!(op, Op::Removed(_)))
            .count();
        out.push_str(&format!(
            "@@ -{old_line},{old_count} +{new_line},{new_count} @@\n"
        ));
        for op in hunk {
            match op {
                Op::Same(line) => out.push_str(&format!(" {line}\n")),
                Op::Removed(line) => out.push_str(&format!("-{line}\n")),
                Op::Added(line) => out.push_str(&format!("+{line}\n")),
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

fn operations<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    // Common lines at both ends are kept out of the table.
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut table = vec![vec![0usize; mb.len() + 1]; ma.len() + 1];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            table[i][j] = if ma[i] == mb[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let mut ops: Vec<Op<'a>> = a[..head].iter().map(|x| Op::Same(x)).collect();
    let (mut i, mut j) = (0, 0);
    while i < ma.len() || j < mb.len() {
        if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
            ops.push(Op::Same(ma[i]));
            i += 1;
            j += 1;
        } else if i < ma.len() && (j == mb.len() || table[i + 1][j] >= table[i][j + 1]) {
            ops.push(Op::Removed(ma[i]));
            i += 1;
        } else {
            ops.push(Op::Added(mb[j]));
            j += 1;
        }
    }
    ops.extend(a[a.len() - tail..].iter().map(|x| Op::Same(x)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_shows_with_its_context_and_line_numbers() {
        let old = "a\nb\nc\nd\ne\n";
        let new = "a\nb\nC\nd\ne\n";
        assert_eq!(
            unified("s.toml", old, new, 1),
            "--- s.toml\n+++ s.toml (proposed)\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n"
        );
        assert_eq!(unified("s.toml", old, old, 1), "");
    }

    #[test]
    fn an_added_line_counts_only_on_the_new_side() {
        let out = unified("s", "q\nbody\n", "q\np\nbody\n", 0);
        assert!(out.ends_with("@@ -2,0 +2,1 @@\n+p\n"), "{out}");
    }
}
