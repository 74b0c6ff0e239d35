"""Comparing documents (TF-IDF similarity, NMF topics, grouping) and the annotated view."""

from __future__ import annotations

import datetime as dt

import pytest

from newslib import compare, tone, usage
from newslib.annotate import annotate
from tests.conftest import article


@pytest.fixture
def three():
    return [
        article("Nuclear weapons and nuclear threats worry Nato. Nato ministers met.", id="a"),
        article("Nato ministers discussed nuclear deterrence and threats.", id="b"),
        article("Grain prices fell as wheat exports resumed from Odesa.", id="c"),
    ]


def test_similarity_ranks_the_related_article_first(three):
    docs = compare.documents(three)
    table = compare.similarity(docs, "a")
    assert table["label"].tolist() == ["a", "b", "c"]
    assert table.loc[0, "similarity"] == pytest.approx(1.0)
    assert table.loc[2, "similarity"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="no document labelled 'z'"):
        compare.similarity(docs, "z")


def test_topics_are_reproducible_and_separate_themes(three):
    docs = compare.documents(three)
    words1, doc_topics1 = compare.topics(docs, n_topics=2, random_state=0)
    words2, doc_topics2 = compare.topics(docs, n_topics=2, random_state=0)
    assert words1.equals(words2) and doc_topics1.equals(doc_topics2)
    main = doc_topics1.set_index("label")["main_topic"]
    assert main["a"] == main["b"] != main["c"]
    assert compare.topics(docs, n_topics=10)[1].shape[1] == 1 + 3 + 1  # capped at 3 documents


def test_documents_by_voice_and_paragraph(seed):
    voices = compare.documents(seed, by="voice")
    assert voices["voice"].tolist()[0] == "narration"
    assert "Vladimir Putin" in voices["voice"].tolist()
    assert len(compare.documents(seed, by="paragraph")) == 15


def test_group_articles_by_month_and_outlet():
    a = article("One.", id="a")
    a.date = dt.date(2022, 9, 21)
    b = article("Two.", id="b")
    b.date = dt.date(2022, 10, 1)
    c = article("Three.", id="c")
    assert {k: [x.id for x in v] for k, v in compare.group_articles([a, b, c]).items()} == {
        "2022-09": ["a"], "2022-10": ["b"], "undated": ["c"]}
    b.meta["source"] = "Example Times"
    assert list(compare.group_articles([a, b, c])) == ["Example Times", "unknown"]


def test_keyness_voices_separates_narration_from_speech():
    text = ('Officials reported shelling near the border overnight. Reports described shelling. '
            'The minister said: "We will win. We will win this war. Victory is certain."')
    table = usage.keyness_voices(article(text))
    quoted = table[table["group"] == "quoted speech"].set_index("term")
    narration = table[table["group"] == "narration"].set_index("term")
    assert quoted.loc["win", "log_likelihood"] > 0
    assert narration.loc["shelling", "log_likelihood"] > 0


def test_sentence_table_counts_words(seed):
    table = usage.sentence_table(seed)
    assert table["words"].sum() == 411
    assert len(table) == 16


def test_driver_words_summarise_tone_drivers(seed):
    drivers = tone.driver_words(tone.tone(seed, "sentence")).set_index("driver")
    assert drivers.loc["badly (-0.70)", "units"] == 2
    assert drivers.loc["badly (-0.70)", "voices"] == "Ben Wallace, mixed"


def test_annotated_view_marks_speakers_tone_and_loaded_words(seed):
    view = annotate(seed)
    assert list(view.speakers) == ["Ben Wallace", "Gillian Keegan", "Vladimir Putin",
                                   "A Downing Street spokesperson"]
    page = view._repr_html_()
    assert page.count("<p ") == 15
    assert "quoted: Vladimir Putin" in page
    assert "evaluative (negative): pariah" in page
    assert "drivers: russian (+0.00); badly (-0.70)" in page
    assert "rgba(230,97,1" in page  # a negative sentence is shaded orange
    assert repr(view) == ("AnnotatedArticle('000_55b6456ee109d161', speakers=['Ben Wallace', "
                          "'Gillian Keegan', 'Vladimir Putin', 'A Downing Street spokesperson'])")


def test_annotated_view_escapes_html():
    view = annotate(article('He wrote "<script>alert(1)</script>" & left.'))
    assert "<script>" not in view.html
    assert "&lt;script&gt;" in view.html


def test_group_articles_by_any_table_column():
    a, b, c = article("One.", id="a"), article("Two.", id="b"), article("Three.", id="c")
    a.meta["category"], b.meta["category"] = "sport", "tech"
    groups = compare.group_articles([a, b, c], by="category")
    assert {k: [x.id for x in v] for k, v in groups.items()} == {
        "sport": ["a"], "tech": ["b"], "unknown": ["c"]}
    with pytest.raises(ValueError, match=r"cannot group by 'section'.*columns found: category"):
        compare.group_articles([a, b, c], by="section")


def test_category_column_of_a_table_reaches_the_groups(make_file):
    from newslib import read_corpus

    path = make_file("t.csv", "id,category,text\nx,sport,A match.\ny,tech,A phone.\n")
    corpus = read_corpus(path)
    assert [a.meta["category"] for a in corpus] == ["sport", "tech"]
    assert list(compare.group_articles(corpus, by="category")) == ["sport", "tech"]


def test_split_groups_keeps_only_groups_of_min_size():
    groups = {"big": [1, 2, 3], "small": [4, 5], "one": [6]}
    kept, small = compare.split_groups(groups, min_size=3)
    assert list(kept) == ["big"] and list(small) == ["small", "one"]
    kept, small = compare.split_groups(groups, min_size=2)
    assert list(kept) == ["big", "small"] and list(small) == ["one"]


def test_group_similarity_matches_hand_computed_means():
    import pandas as pd

    # Three one-word documents with sublinear TF-IDF: "x" and "x" are identical (cosine 1),
    # "y" shares nothing with them (cosine 0).
    docs = pd.DataFrame({"label": ["p", "q", "r"], "text": ["xx", "xx", "yy"]})
    table = compare.group_similarity(docs, ["g1", "g1", "g2"])
    assert table.loc["g1", "g1"] == pytest.approx(1.0)  # the one pair p-q
    assert table.loc["g1", "g2"] == pytest.approx(0.0)
    assert pd.isna(table.loc["g2", "g2"])  # one article: no pair to average
    mixed = pd.DataFrame({"label": ["p", "q", "r"], "text": ["xx", "xx yy", "yy"]})
    table = compare.group_similarity(mixed, ["g1", "g1", "g2"])
    # p = (1, 0); q = (1, 1)/sqrt(2) (equal idf); r = (0, 1): p.r = 0, q.r = 1/sqrt(2)
    assert table.loc["g1", "g2"] == pytest.approx((0 + 2 ** -0.5) / 2)
    assert table.loc["g1", "g1"] == pytest.approx(2 ** -0.5)


def test_article_table_gives_outlet_title_and_a_relative_file(make_file, tmp_path):
    from newslib import read_corpus

    path = make_file("data/t.csv", "id,source,title,text\nx,Example Times,Head,A body.\n")
    table = compare.article_table(read_corpus(path), start=tmp_path)
    row = table.iloc[0]
    assert (row["outlet"], row["title"], row["file"]) == ("Example Times", "Head", "data/t.csv:row 2")
    assert str(tmp_path) not in row["file"]


def test_document_words_are_the_lemmas_usage_counts(seed):
    # By hand: "Russia's 300,000 reservists met. Russia’s troops said: "We won."" keeps russia,
    # reservist, met, russia, troop, won (stop words "we", "said" and the number dropped).
    doc = article('Russia\'s 300,000 reservists met. Russia’s troops said: "We won."')
    table = compare.documents(doc).iloc[0]
    assert table["words"] == 6
    assert table["text"].split() == ["russia", "reservist", "met", "russia", "troop", "won"]
    for item in (doc, seed):
        counted = usage.frequencies(item)
        with_letters = counted[counted["term"].str.contains("[a-z]", case=False)]
        assert compare.documents(item).iloc[0]["words"] == with_letters["count"].sum()
        by_voice = compare.documents(item, by="voice")
        assert by_voice["words"].sum() == with_letters["count"].sum()


def test_feature_table_keeps_table_columns_named_like_features_apart(make_file, tmp_path):
    """A CSV with its own words, quote_share and file columns (issue 17: notebook 5 got
    words_x / words_y and a KeyError): newslib's values keep the plain names, the table's are
    kept as given_<name>, and neither is lost."""
    from newslib import read_corpus
    from newslib.features import features

    path = make_file("data/t.csv", "id,date,title,outlet,source,words,quote_share,file,text\n"
                                   "a,2024-01-02,Head,Post,Wire,999,0.9,notes.txt,"
                                   "\"Ann said: \"\"It rained.\"\" The end.\"\n")
    corpus = read_corpus(path)
    table = compare.feature_table(corpus, features(corpus), start=tmp_path)
    row = table.iloc[0]
    assert row["words"] == 6 and row["quote_share"] == pytest.approx(2 / 6)  # newslib's, by hand
    assert (row["given_words"], row["given_quote_share"], row["given_file"]) == (
        "999", "0.9", "notes.txt")  # the table's, as given
    assert row["file"] == "data/t.csv:row 2"
    assert (row["outlet"], row["source"], row["title"]) == ("Post", "Wire", "Head")
    assert list(table.columns[:2]) == ["id", "date"]
    assert not [c for c in table.columns if c.endswith(("_x", "_y"))]
    assert table.columns.is_unique


def test_article_table_renames_only_columns_that_collide(make_file):
    from newslib import read_corpus

    path = make_file("t.csv", "id,category,given_file,file,text\nx,sport,g,f,A body.\n")
    table = compare.article_table(read_corpus(path), reserved=["words"])
    row = table.iloc[0]
    assert row["category"] == "sport"  # no collision: its own name
    # "file" is newslib's, and the table has a given_file of its own: the prefix is repeated.
    assert (row["given_file"], row["given_given_file"]) == ("g", "f")
    assert row["file"] == str(read_corpus(path)[0].source)
