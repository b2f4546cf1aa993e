"""Relevance tiers and highlighted match spans of the share catalog's search (第二十条)."""

from __future__ import annotations

from govshare_core.search_rank import (
    Tier,
    match_spans,
    needs_phrase_check,
    relevance_tier,
    terms,
    tokenize,
)


def test_terms_and_tokens() -> None:
    assert terms("常住人口  Registry-2024 人口") == ["常住人口", "registry", "2024", "人口"]
    assert tokenize("常住人口") == ["常住", "住人", "人口"]
    assert tokenize("社保", unigrams=True) == ["社", "保", "社保"]
    assert not needs_phrase_check("人口 社保 gis")
    assert needs_phrase_check("常住人口")


def test_relevance_tiers() -> None:
    assert relevance_tier("人口", "人口抽样调查汇总信息") == Tier.NAME_PHRASE
    assert relevance_tier("人口", "流动人员登记") == Tier.ELSEWHERE
    assert relevance_tier("常住人口", "常住人口基本信息") == Tier.NAME_PHRASE
    # every bigram (常住, 住人, 人口) is in the name, the whole term is not
    assert relevance_tier("常住人口", "常住人员与人口台账") == Tier.NAME_BIGRAMS
    assert relevance_tier("常住人口", "人口常住登记") == Tier.ELSEWHERE  # no 住人
    assert relevance_tier("GIS 地图", "gis地图服务") == Tier.NAME_PHRASE
    assert relevance_tier("", "人口") == Tier.ELSEWHERE
    assert Tier.NAME_PHRASE < Tier.NAME_BIGRAMS < Tier.ELSEWHERE


def test_match_spans() -> None:
    assert match_spans("人口", "人口抽样调查汇总信息") == [(0, 2)]
    assert match_spans("人口", "常住人口与流动人口") == [(2, 4), (7, 9)]
    # a term not there whole: its bigrams where they are (merged when they touch)
    assert match_spans("常住人口", "常住人员与人口台账") == [(0, 3), (5, 7)]
    assert match_spans("gis 地图", "GIS地图服务") == [(0, 5)]
    assert match_spans("社保", None) == []
    assert match_spans("", "人口") == []
    assert match_spans("人", "人口与人员") == [(0, 1), (3, 4)]
