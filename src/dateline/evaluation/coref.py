"""Coreference metrics, re-implemented: MUC, B³, CEAF-e and the CoNLL F1.

Both sides of an evaluation are *partitions*: clusters of hashable mention ids
(``("1_1ecb", "18")``, an int, anything hashable), one cluster per entity,
singletons included. The definitions are those of the reference CoNLL scorer
(Pradhan et al. 2014, *Scoring Coreference Partitions of Predicted Mentions: A
Reference Implementation*), including its handling of key and response mention
sets that differ (predicted mentions):

- **MUC** (Vilain et al. 1995). Recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1),
  where p(K) partitions key cluster K by the response clusters; a key mention
  absent from the response is a part of its own. Precision swaps the roles (a
  response mention absent from the key is a part of its own). Singletons add
  nothing to either side.
- **B³** (Bagga & Baldwin 1998). Recall = Σ_K Σ_R |K ∩ R|² / |K| over all key
  mentions (so a key mention the response lacks scores 0), precision =
  Σ_R Σ_K |K ∩ R|² / |R| over all response mentions: each side over its own
  mentions, as the reference scorer does.
- **CEAF-e** (Luo 2005), entity-based: φ4(K, R) = 2 |K ∩ R| / (|K| + |R|); the
  one-to-one alignment of key and response clusters with the largest total
  Φ = Σ φ4 (Kuhn-Munkres, :func:`assignment`); recall = Φ / key clusters,
  precision = Φ / response clusters.
- **CoNLL F1** = the mean of the three F1s (Pradhan et al. 2011).

A denominator of 0 gives a score of 0, and F1 is 0 when P + R is 0 (as the
reference scorer prints them). Scores are fractions in [0, 1].

Example:
    >>> key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    >>> response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    >>> s = score(key, response)
    >>> round(s.muc.f1, 4), round(s.b_cubed.f1, 4), round(s.ceaf_e.f1, 4)
    (0.4, 0.4545, 0.52)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

#: A partition as given: clusters of mention ids.
Partition = Iterable[Iterable[Hashable]]
Clusters = list[frozenset[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    """Recall and precision as the fractions they come from, and their F1.

    Attributes:
        recall_num: Recall numerator (MUC: links found; B³, CEAF-e: a sum of fractions).
        recall_den: Recall denominator.
        precision_num: Precision numerator.
        precision_den: Precision denominator.
    """

    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B³ and CEAF-e of one key/response pair, and their mean F1 (CoNLL)."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def clusters(partition: Partition) -> Clusters:
    """The non-empty clusters of a partition as frozensets.

    Raises:
        ValueError: a mention is in two clusters (not a partition).
    """
    out: Clusters = []
    seen: set[Hashable] = set()
    for cluster in partition:
        members = frozenset(cluster)
        if not members:
            continue
        if not seen.isdisjoint(members):
            twice = sorted(map(repr, seen & members))[:3]
            raise ValueError(f"mentions in two clusters: {', '.join(twice)}")
        seen |= members
        out.append(members)
    return out


def _index(parts: Clusters) -> dict[Hashable, int]:
    return {m: i for i, cluster in enumerate(parts) for m in cluster}


def _overlaps(parts: Clusters, other: Clusters) -> list[Counter[int]]:
    """For each cluster of ``parts``: how many of its mentions each ``other`` cluster holds."""
    where = _index(other)
    return [Counter(where[m] for m in cluster if m in where) for cluster in parts]


def _muc_side(parts: Clusters, other: Clusters) -> tuple[int, int]:
    num = den = 0
    for cluster, shared in zip(parts, _overlaps(parts, other), strict=True):
        missing = len(cluster) - sum(shared.values())
        num += len(cluster) - (len(shared) + missing)
        den += len(cluster) - 1
    return num, den


def muc(key: Partition, response: Partition) -> PRF:
    """The MUC link-based score (see the module docstring).

    Example:
        >>> muc([{1, 2, 3}], [{1, 2}, {3}]).recall
        0.5
    """
    k, r = clusters(key), clusters(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return PRF(rn, rd, pn, pd)


def _b3_side(parts: Clusters, other: Clusters) -> tuple[float, int]:
    num = 0.0
    for cluster, shared in zip(parts, _overlaps(parts, other), strict=True):
        num += sum(n * n for n in shared.values()) / len(cluster)
    return num, sum(map(len, parts))


def b_cubed(key: Partition, response: Partition) -> PRF:
    """The B³ mention-based score, each side over its own mentions.

    Example:
        >>> round(b_cubed([{1, 2}], [{1}, {2}]).recall, 2)
        0.5
    """
    k, r = clusters(key), clusters(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return PRF(rn, rd, pn, pd)


def ceaf_e(key: Partition, response: Partition) -> PRF:
    """Entity-based CEAF with φ4 similarity and the optimal one-to-one alignment.

    Only clusters that share mentions can gain from being aligned, so the
    alignment is solved on each connected group of overlapping clusters apart.

    Example:
        >>> ceaf_e([{1, 2}], [{1, 2}, {3}]).precision
        0.5
    """
    k, r = clusters(key), clusters(response)
    total = 0.0
    for rows, cols, weight in _components(k, r):
        matrix = [[weight.get((i, j), 0.0) for j in cols] for i in rows]
        total += sum(matrix[a][b] for a, b in assignment(matrix))
    return PRF(total, len(k), total, len(r))


def _components(
    k: Clusters, r: Clusters
) -> list[tuple[list[int], list[int], dict[tuple[int, int], float]]]:
    """Connected groups of overlapping key and response clusters, with their φ4 weights."""
    weight: dict[tuple[int, int], float] = {}
    parent = list(range(len(k) + len(r)))  # key i is node i, response j is node len(k) + j

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, shared in enumerate(_overlaps(k, r)):
        for j, n in shared.items():
            weight[(i, j)] = 2 * n / (len(k[i]) + len(r[j]))
            parent[find(i)] = find(len(k) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i, j in weight:
        rows, cols = groups.setdefault(find(i), ([], []))
        if i not in rows:
            rows.append(i)
        if j not in cols:
            cols.append(j)
    return [(rows, cols, weight) for rows, cols in groups.values()]


def assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """A one-to-one assignment of rows to columns with the largest total weight.

    Kuhn-Munkres in its shortest-augmenting-path form with potentials
    (O(n² m) for n rows ≤ m columns; a taller matrix is solved transposed).
    Every row is assigned when there are at least as many columns, and the
    other way round; a pair of weight 0 is still a pair.

    Args:
        weights: A rectangular matrix (list of rows).

    Returns:
        ``(row, column)`` pairs, sorted by row.

    Example:
        >>> assignment([[0.8, 0.4, 0.0], [0.0, 0.3, 0.5]])
        [(0, 0), (1, 2)]
    """
    n = len(weights)
    m = len(weights[0]) if n else 0
    if n == 0 or m == 0:
        return []
    if n > m:
        transposed = [[weights[i][j] for i in range(n)] for j in range(m)]
        return sorted((i, j) for j, i in assignment(transposed))
    inf = float("inf")
    # 1-based arrays; column 0 is the virtual start of each augmenting path.
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row assigned to column j (0: none)
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            costs = weights[i0 - 1]
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -costs[j - 1] - u[i0] - v[j]  # cost = −weight: minimising maximises
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # flip the augmenting path
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])


def score(key: Partition, response: Partition) -> CorefScores:
    """MUC, B³ and CEAF-e of ``response`` against ``key`` (and their CoNLL mean).

    Args:
        key: Gold clusters of mention ids.
        response: System clusters of mention ids; mentions may differ from the key's.

    Example:
        >>> s = score([{1, 2}, {3}], [{1, 2}, {3}])
        >>> s.conll_f1
        1.0
    """
    k, r = clusters(key), clusters(response)
    return CorefScores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))


def divided(parts: Partition, other: Partition) -> list[list[frozenset[Hashable]]]:
    """The clusters of ``parts`` that ``other`` splits, each as its pieces.

    ``divided(key, response)`` lists the gold entities a system split;
    ``divided(response, key)`` the system entities that mix gold ones. Only
    mentions present on both sides are looked at. Pieces are largest first.

    Example:
        >>> divided([{1, 2, 3}], [{1, 2}, {3}]) == [[frozenset({1, 2}), frozenset({3})]]
        True
    """
    p, o = clusters(parts), clusters(other)
    where = _index(o)
    out = []
    for cluster in p:
        pieces: dict[int, set[Hashable]] = {}
        for m in cluster:
            if m in where:
                pieces.setdefault(where[m], set()).add(m)
        if len(pieces) > 1:
            ordered = sorted(pieces.values(), key=lambda s: (-len(s), sorted(map(repr, s))))
            out.append([frozenset(s) for s in ordered])
    return out
