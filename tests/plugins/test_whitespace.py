def test_paragraphs_joined_by_one_blank_line_and_trailing_spaces_trimmed(clean):
    article = clean("Title line\n\n\n\nFirst paragraph.   \n\n\n\nSecond paragraph.\t\n")
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_lines_of_one_paragraph_stay_on_consecutive_lines(clean):
    article = clean("Title line\n\nIngredients:\n- flour\n- eggs   \n\nMix well.")
    assert article.text == "Ingredients:\n- flour\n- eggs\n\nMix well."


def test_words_and_inner_spacing_of_kept_lines_are_untouched(clean):
    body = "He said  “no”  –  twice, in   a  row."
    article = clean(f"Title line\n\n{body}")
    assert article.text == body


def test_windows_line_endings(clean):
    article = clean("Title line\r\n\r\nFirst paragraph.\r\n\r\nSecond.\r\n")
    assert article.text == "First paragraph.\n\nSecond."


def test_without_the_plugin_the_engine_joins_kept_lines(clean):
    article = clean("Title line\n\nOne.\n\nTwo.", config={"plugins": {"whitespace": {"enabled": False}}})
    assert article.text == "One.\nTwo."
