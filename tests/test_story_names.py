"""Names that place a version in another language or script beside its story: keys read
alike across hyphens and scripts, spelling skeletons, inflected endings (invented texts)."""

from __future__ import annotations

from according.analysis import Analysis
from according.article import Article
from according.stories import cluster, spelling
from according.stories.language import article_language, unanalysed
from according.stories.store import Store


def test_a_hyphen_and_a_space_in_a_name_give_one_key():
    english = cluster.names("Omar Haddad signed for Al-Faisaly on Monday.")
    spanish = cluster.names("Omar Haddad firmó con el Al Faisaly el lunes.")
    assert "al faisaly" in english and "al faisaly" in spanish


def test_a_name_in_greek_or_cyrillic_script_is_keyed_in_latin_letters():
    greek = cluster.names("Ο πρωθυπουργός Κυριάκος Παπαδάκης μίλησε την Τρίτη.")
    russian = cluster.names("Мэр города Олег Садовников подал в отставку.")
    assert "kyriakos papadakis" in greek
    assert "oleg sadovnikov" in russian


def test_transcriptions_and_inflected_endings_share_a_spelling_skeleton():
    forms = {
        "Dimitri Kovalenko",  # English
        "Ντιμίτρι Κοβαλένκο",  # Greek: "nt" for d
        "Дмитрий Коваленко",  # Russian
        "Dimitra Kovalenka",  # a case ending on a vowel
    }
    keys = [next(iter(cluster.names(f"The mayor, {form}, spoke."))) for form in forms]
    assert len({spelling.skeleton(key) for key in keys}) == 1, keys
    assert spelling.skeleton("dimitri kovalenko") != spelling.skeleton("dimitri kovac")
    # too few letters to tell names apart: no skeleton
    assert spelling.skeleton("abe") is None


def test_an_inflected_name_finds_the_stored_name_it_extends(tmp_path):
    english = "Omar Haddad joined Al-Faisaly on Monday, the club said."
    estonian = "Omar Haddad liitus esmaspäeval Al-Faisalyga, teatas klubi."
    with Store(tmp_path / "s.db") as store:
        store.add(Analysis(Article(text=english, lang="en", published="2023-01-09")))
        feats = cluster.features(estonian, "et", "2023-01-09")
        assert "near:l fsl" in cluster._near_matches(store.db, feats)
    # and the other way round: the inflected form stored first, the plain one looked up
    with Store(tmp_path / "t.db") as store:
        store.add(unanalysed(Article(text=estonian, lang="et", published="2023-01-09")))
        feats = cluster.features(english, "de", "2023-01-09")
        assert "near:l fslg" in cluster._near_matches(store.db, feats)


ZELENOGRAD_EN = (
    "Kyriakos Papadakis, the mayor of Zelenograd, resigned on Tuesday after 14 years "
    "in office, saying the city needed new leadership."
)
ZELENOGRAD_EL = (
    "Ο δήμαρχος Κυριάκος Παπαδάκης παραιτήθηκε την Τρίτη από τη δημαρχία του "
    "Ζελενογκράντ, μετά από 14 χρόνια στη θέση, λέγοντας ότι η πόλη χρειάζεται νέα ηγεσία."
)
PARK_EL = "Ο Κυριάκος Παπαδάκης εγκαινίασε την Τρίτη ένα νέο πάρκο με 300 δέντρα."


def test_a_greek_version_joins_its_english_story_and_a_greek_aside_does_not(tmp_path):
    with Store(tmp_path / "s.db") as store:
        story = store.add(Analysis(Article(text=ZELENOGRAD_EN, lang="en", published="2023-03-07")))
        greek = store.add(
            unanalysed(Article(text=ZELENOGRAD_EL, lang="el", published="2023-03-07"))
        )
        aside = store.add(unanalysed(Article(text=PARK_EL, lang="el", published="2023-03-07")))
    assert greek.story_id == story.story_id and greek.joined_via == "names"
    assert aside.story_id != story.story_id  # one shared name is not a story


FINNISH = (
    "Kaupunginvaltuusto päätti tiistaina, että uusi silta rakennetaan joen yli ensi "
    "vuonna. Hankkeen kustannukset ovat noin kaksikymmentä miljoonaa euroa, ja työt "
    "alkavat keväällä. Pormestari kertoi toimittajille, että silta helpottaa liikennettä "
    "keskustassa merkittävästi. Osa asukkaista vastustaa hanketta, koska he pelkäävät "
    "melua ja pölyä rakennusaikana. Valtuusto käsittelee asiaa uudelleen syksyllä, kun "
    "lopulliset suunnitelmat valmistuvat ja rahoitus on varmistettu."
)


def test_a_long_text_in_a_language_without_a_stop_word_list_is_not_filed_as_english():
    assert article_language(FINNISH) == "fi"
    assert article_language("Helsinki Uusimaa Espoo") == "en"  # too short to tell: analysed
