"""Does the description answer the transversal priorities: found, the sentences quoted, what is missing."""

from __future__ import annotations

from forms.programmes import TransversalPriority
from rules.suggest import Suggester, TransversalFinding
from rules.suggest.text import all_tokens, simplemma_lemmatiser
from rules.suggest.transversal import compile_aspects, find_transversal, phrase_sizes, sentence_terms

TEXT = (
    "Nous proposons des ateliers de cuisine au centre social.\n"
    "Les groupes sont mixtes : autant de femmes que d'hommes.\n"
    "- Une garderie accueille les enfants pendant les ateliers.\n"
    "L'action ne traite pas du numérique."
)


def finding(suggester: Suggester, text: str, tp_id: str) -> TransversalFinding:
    return next(f for f in suggester.suggest(text).transversal if f.id == tp_id)


def test_each_transversal_priority_of_the_call_is_answered_in_order(blois: Suggester) -> None:
    result = blois.suggest(TEXT)
    assert [f.id for f in result.transversal] == [tp.id for tp in blois.call.transversal]


def test_found_quotes_the_sentences_as_written(blois: Suggester) -> None:
    egalite = finding(blois, TEXT, "egalite")
    assert egalite.found
    assert egalite.evidence == (
        "Les groupes sont mixtes : autant de femmes que d'hommes.",
        "Une garderie accueille les enfants pendant les ateliers.",  # a list item, without its dash
    )


def test_missing_names_the_aspects_the_text_does_not_say(blois: Suggester) -> None:
    egalite = finding(blois, TEXT, "egalite")
    assert egalite.missing == (
        "Le texte ne dit pas encore ce que l'action fait contre les stéréotypes et les inégalités entre femmes "
        "et hommes."
    )
    complete = finding(blois, TEXT + " Nous luttons contre les stéréotypes sexistes.", "egalite")
    assert complete.found and complete.missing == ""


def test_a_sentence_that_denies_is_no_evidence(blois: Suggester) -> None:
    numerique = finding(blois, TEXT, "numerique")
    assert not numerique.found and numerique.evidence == ()
    assert numerique.missing.startswith("Le texte ne dit pas encore ce que le public apprend à faire avec le numérique")
    assert finding(blois, "Des ateliers pour faire ses démarches en ligne sur ordinateur.", "numerique").found


def test_transition_from_the_calls_details(blois: Suggester) -> None:
    text = "Le jardin partagé produit des légumes ; nous trions les déchets et compostons."
    found = finding(blois, text, "transition")
    assert found.found
    assert found.evidence == ("Le jardin partagé produit des légumes ;", "nous trions les déchets et compostons.")
    assert len(found.aspects_found) == 2  # the éco-gestes and the alimentation


def test_a_theme_without_lexicon_falls_back_on_the_calls_words_and_prompt() -> None:
    lemmatise = simplemma_lemmatiser()
    tp = TransversalPriority(
        id="sport", theme="autre", title="Sport santé", text="développer la pratique sportive pour la santé",
        source=None, prompt="Dites quelle activité physique l'action propose.",  # type: ignore[arg-type]
    )
    aspects = compile_aspects(tp, [], lemmatise)
    text = "Nous organisons de la marche nordique. La pratique sportive régulière aide les seniors."
    hit = find_transversal(tp, aspects, sentence_terms(text, all_tokens(text, lemmatise), phrase_sizes(aspects)))
    assert hit.found and hit.evidence == ("La pratique sportive régulière aide les seniors.",) and hit.missing == ""
    text = "Nous faisons des repas."
    miss = find_transversal(tp, aspects, sentence_terms(text, all_tokens(text, lemmatise), phrase_sizes(aspects)))
    assert not miss.found and miss.missing == "Dites quelle activité physique l'action propose."
