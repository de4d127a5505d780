"""Name keys and cross-article person matching."""
from articles.text.names import match_person, name_keys
from articles.text.types import PersonCluster


def shares_key(a, b):
    return bool(set(name_keys(a)) & set(name_keys(b)))


def test_honorifics_do_not_change_the_keys():
    assert name_keys("Mr. Crocker") == name_keys("Crocker") == name_keys("Mr Crocker")
    assert shares_key("President Barack Obama", "Barack Obama")
    assert shares_key("Dr. Jane Goodall", "Jane Goodall")


def test_hyphens_particles_and_transliterations_collide():
    assert shares_key("Kazemi-Qomi", "Kazemi Qomi")
    assert shares_key("Nouri al-Maliki", "Nouri Al Maliki")
    assert shares_key("Al-Maliki", "Nuri al-Maliki")
    assert shares_key("Moqtada al-Sadr", "Muqtada al-Sadr")
    assert shares_key("Mowaffaq al-Rubaie", "Mowaffak Rubaie")
    assert shares_key("Hoshyar Zebari", "Hoshiyar Zebari")
    assert shares_key("Hoshyer Zebari", "Hoshyar Zebari")


def test_a_surname_only_mention_finds_the_full_name():
    assert shares_key("Crocker", "Ryan Crocker")
    assert shares_key("Mr. Kazemi", "Hassan Kazemi Qomi")


def cluster(name, *aliases):
    return PersonCluster(name=name, aliases=[name, *aliases])


def test_variants_match_the_same_person():
    people = [(1, "Nouri al-Maliki", ["Nouri al-Maliki", "Mr Maliki"]),
              (2, "Ryan Crocker", ["Ryan Crocker", "Crocker"])]
    assert match_person(cluster("Nuri al-Maliki", "Al-Maliki"), people) == 1
    assert match_person(cluster("Crocker", "Mr. Crocker"), people) == 2
    assert match_person(cluster("Hoshiyar Zebari"), people) is None


def test_namesakes_stay_apart():
    people = [(1, "George Bush", ["George Bush", "Mr. Bush"]),
              (2, "Laura Bush", ["Laura Bush", "Mrs. Bush"])]
    assert match_person(cluster("Laura Bush"), people) == 2
    assert match_person(cluster("George W. Bush"), people) == 1
    assert match_person(cluster("Jeb Bush"), people) is None
    assert match_person(cluster("Bush"), people) is None  # ambiguous
    assert match_person(cluster("Mrs. Bush"), people) == 2  # the honorific decides
    assert match_person(cluster("Bush"), people[:1]) == 1  # unambiguous


def test_an_ambiguous_surname_goes_to_the_person_known_only_by_it():
    """Otherwise every article naming "Bush" and no Bush in full would add
    one more person called Bush."""
    people = [(1, "George Bush", ["George Bush", "Mr. Bush"]),
              (2, "Laura Bush", ["Laura Bush", "Mrs. Bush"]),
              (3, "Bush", ["Bush"])]
    assert match_person(cluster("Bush"), people) == 3
    assert match_person(cluster("Laura Bush"), people) == 2  # a full name still decides


def test_a_shorter_form_of_the_name_joins():
    people = [(7, "Hassan Kazemi Qomi", ["Hassan Kazemi Qomi", "Mr. Kazemi"])]
    assert match_person(cluster("Kazemi-Qomi"), people) == 7
    assert match_person(cluster("Kazemi Qomi", "Mr Kazemi Qomi"), people) == 7


def test_given_names_must_be_compatible_not_just_surnames():
    people = [(3, "Hoda Abdel-Hamid", ["Hoda Abdel-Hamid"])]
    assert match_person(cluster("Ahmed Abdel-Hamid"), people) is None
    assert match_person(cluster("H. Abdel-Hamid"), people) == 3
