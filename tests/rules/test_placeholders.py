"""placeholders: template prompts (TODO: ...) left in a record are errors that say what to write."""

from conftest import check_one, edited


def test_prompt_left_in(catalogue):
    text = edited(
        "limitations: Self-selected online sample without comparison.\n",
        'limitations: "TODO: what the design cannot show"\n',
    )
    assert check_one(catalogue, text) == [(35, "unfilled", "'limitations' is not filled in yet")]


def test_prompt_in_list(catalogue):
    text = edited(
        "    - https://pubmed.ncbi.nlm.nih.gov/12345678/\n",
        '    - "TODO: the page you read the identifiers on"\n',
    )
    found = check_one(catalogue, text)
    assert (44, "unfilled", "'curation.verified_from[0]' is not filled in yet") in found


def test_the_word_todo_inside_text_is_fine(catalogue):
    text = edited(
        "limitations: Self-selected online sample without comparison.\n",
        "limitations: Self-selected sample; TODO: nothing, this is prose.\n",
    )
    assert [f for f in check_one(catalogue, text) if f[1] == "unfilled"] == []
