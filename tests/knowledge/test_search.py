from knowledge.search import BM25Index


def test_rarer_terms_weigh_more_and_ties_keep_index_order() -> None:
    index = BM25Index([(1, ["back", "pain"]), (2, ["back", "plank"]), (3, ["back", "pain"])])
    ranked = index.rank(["back", "plank"])
    assert [r.document_id for r in ranked][0] == 2
    tied = index.rank(["pain"])
    assert [r.document_id for r in tied] == [1, 3]
    assert tied[0].score == tied[1].score


def test_documents_without_shared_terms_are_not_ranked() -> None:
    index = BM25Index([(1, ["hip", "flexor"]), (2, ["hamstring"])])
    assert index.rank(["weather"]) == []


def test_coverage_counts_known_terms() -> None:
    index = BM25Index([(1, ["hip", "flexor"])])
    assert index.coverage(["hip", "swim"]) == 0.5
    assert index.coverage([]) == 0.0
