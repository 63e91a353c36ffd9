"""Where a firm sits on the chains: segments and products suggested from its industry class and the words
of its 经营范围 and name, matched against each segment's and product's names, industry codes and keywords.

Scores (capped at 1):

- the firm's class is the segment's industry code: 0.4; same industry group (first three digits): 0.2;
- a word of the segment's name (split at 、/：（）与和及; words as general as 服务 or 销售 left out, see
  :data:`STOP_WORDS`), of one of its keywords, or of the name of a product made in it, found in the
  firm's 经营范围 or name: 0.3 for the first word, 0.15 for each further one;
- for a product: a word of its name found: 0.35, then 0.15 each; one of its segments' industry code: 0.2.

Each suggestion carries its score and the reasons (the words matched, the code). A segment at or above
the threshold goes into the ledger row, together with any other within 0.1 of it; below, the firm waits
on the 待分配 sheet with its best three."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from seed.reference import industry_codes
from service.intake.graph import Target

THRESHOLD = 0.5
CLOSE = 0.1  # other segments this close to the best go into the row too
_SPLIT = re.compile(r"[、/／：:（）()与和及，,；;\s]+")
MIN_WORD = 2
# Words too general to place a firm: every 经营范围 has some of them.
STOP_WORDS = frozenset(
    {
        *("服务", "销售", "生产", "制造", "加工", "系统", "产品", "设备", "管理", "技术", "研发"),
        *("批发", "零售", "经营", "运营", "开发", "设计", "商品", "其他", "相关", "综合", "供应"),
    }
)


@dataclass(frozen=True)
class Suggestion:
    target: Target
    score: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.target.name}（{self.target.id}，{self.score:.2f}：{'；'.join(self.reasons)}）"


def name_words(name: str) -> tuple[str, ...]:
    """The words a segment or product name is matched by.

    >>> name_words("原材料（钢材/铝材/工程塑料）"), name_words("分割与冷鲜肉")
    (('原材料', '钢材', '铝材', '工程塑料'), ('分割', '冷鲜肉'))
    """
    flat = unicodedata.normalize("NFKC", name)
    return tuple(w for w in _SPLIT.split(flat) if len(w) >= MIN_WORD and w not in STOP_WORDS)


class Suggester:
    def __init__(self, segments: list[Target], products: list[Target], threshold: float = THRESHOLD) -> None:
        self.segments = segments
        self.products = products
        self.threshold = threshold
        self.segment_words: dict[str, dict[str, str]] = {}  # segment id -> word -> where it comes from
        self.product_words: dict[str, tuple[str, ...]] = {}
        by_segment: dict[str, list[Target]] = defaultdict(list)
        for product in products:
            self.product_words[product.id] = name_words(product.name)
            for segment_id in product.segments:
                by_segment[segment_id].append(product)
        for segment in segments:
            found: dict[str, str] = {}
            for w in segment.keywords:
                found.setdefault(unicodedata.normalize("NFKC", w), "关键词")
            for w in name_words(segment.name):
                found.setdefault(w, "环节名称")
            for product in by_segment.get(segment.id, ()):
                for w in self.product_words[product.id]:
                    found.setdefault(w, f"产品「{product.name}」")
            self.segment_words[segment.id] = found
        self.vocabulary = sorted(
            {w for ws in self.segment_words.values() for w in ws}
            | {w for ws in self.product_words.values() for w in ws}
        )
        self.segment_codes = {t.id: t.industry_code for t in segments}
        self.names = industry_codes()
        # word or code -> the targets it touches, so a firm is scored only against those
        self.by_word: dict[str, set[str]] = defaultdict(set)
        self.by_group: dict[str, set[str]] = defaultdict(set)
        self.products_by_word: dict[str, set[str]] = defaultdict(set)
        for segment in segments:
            for w in self.segment_words[segment.id]:
                self.by_word[w].add(segment.id)
            if segment.industry_code:
                self.by_group[segment.industry_code[:3]].add(segment.id)
        for product in products:
            for w in self.product_words[product.id]:
                self.products_by_word[w].add(product.id)
        self.segment_by_id = {t.id: t for t in segments}
        self.product_by_id = {t.id: t for t in products}

    def suggest(
        self, industry: str | None, scope: str, name: str
    ) -> tuple[list[Suggestion], list[Suggestion]]:
        """Segments and products, best first, each with its score and reasons (those scoring 0 left out)."""
        scope = unicodedata.normalize("NFKC", scope or "")
        name = unicodedata.normalize("NFKC", name or "")
        seen: dict[str, str] = {}
        for w in self.vocabulary:
            if w in scope:
                seen[w] = "经营范围"
            elif w in name:
                seen[w] = "名称"
        touched = set(self.by_group.get((industry or "")[:3], ()))
        made: set[str] = set()
        for w in seen:
            touched |= self.by_word.get(w, set())
            made |= self.products_by_word.get(w, set())
        segments = [s for s in (self._segment(self.segment_by_id[t], industry, seen) for t in touched) if s]
        products = [p for p in (self._product(self.product_by_id[t], industry, seen) for t in made) if p]
        order = {t.id: i for i, t in enumerate(self.segments)}
        segments.sort(key=lambda s: (-s.score, -len(s.reasons), order[s.target.id]))
        products.sort(key=lambda s: (-s.score, s.target.id))
        return segments, products

    def _code(self, target_code: str, industry: str | None) -> tuple[float, str | None]:
        if not industry or not target_code:
            return 0.0, None
        if target_code == industry:
            return 0.4, f"行业代码相同：{industry} {self.names.get(industry, '')}"
        if target_code[:3] == industry[:3]:
            return 0.2, f"行业中类相同：{industry[:3]}"
        return 0.0, None

    def _segment(self, target: Target, industry: str | None, seen: dict[str, str]) -> Suggestion | None:
        score, reason = self._code(target.industry_code, industry)
        reasons = [reason] if reason else []
        hits = [(w, origin) for w, origin in self.segment_words[target.id].items() if w in seen]
        for i, (w, origin) in enumerate(hits):
            score += 0.3 if i == 0 else 0.15
            reasons.append(f"{seen[w]}含「{w}」（{origin}）")
        if score <= 0:
            return None
        return Suggestion(target, round(min(score, 1.0), 2), tuple(reasons))

    def _product(self, target: Target, industry: str | None, seen: dict[str, str]) -> Suggestion | None:
        hits = [w for w in self.product_words[target.id] if w in seen]
        if not hits:
            return None
        score = 0.35 + 0.15 * (len(hits) - 1)
        reasons = [f"{seen[w]}含「{w}」" for w in hits]
        for s in target.segments:
            bonus, reason = self._code(self.segment_codes.get(s, ""), industry)
            if bonus >= 0.4 and reason:
                score += 0.2
                reasons.append(reason)
                break
        return Suggestion(target, round(min(score, 1.0), 2), tuple(reasons))

    def chosen(self, segments: list[Suggestion], products: list[Suggestion]) -> tuple[list[str], list[str]]:
        """The segment and product ids that go into the ledger row: none when the best segment is below
        the threshold; products at or above it, made in a chosen segment."""
        if not segments or segments[0].score < self.threshold:
            return [], []
        best = segments[0].score
        picked = [s.target.id for s in segments if s.score >= max(self.threshold, best - CLOSE)]
        made = [
            p.target.id
            for p in products
            if p.score >= self.threshold and set(p.target.segments) & set(picked)
        ]
        return picked, made[:5]
