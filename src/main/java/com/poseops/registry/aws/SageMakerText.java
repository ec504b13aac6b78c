package com.poseops.registry.aws;

/**
 * Makes free text (descriptions, comments, user names) acceptable to the SageMaker Model Registry fields it goes
 * into, so that what a person types is stored, shortened where the API's limit requires, and never fails a call:
 * <ul>
 * <li>{@code ModelPackageDescription}: ≤ 1024 characters of {@code [\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]} — no control
 * characters, hence no line breaks;</li>
 * <li>{@code ApprovalDescription}: ≤ 1024 characters matching {@code .*} — Java's {@code .} does not match line
 * terminators, so those go too;</li>
 * <li>{@code CustomerMetadataProperties} values: 1-256 characters of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}.</li>
 * </ul>
 * Lengths are counted in UTF-16 units (what a Java service counts), and a cut never splits a surrogate pair.
 */
final class SageMakerText {

    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_METADATA_VALUE = 256;
    private static final char ELLIPSIS = '…';

    private SageMakerText() {
    }

    /**
     * For ModelPackageDescription, and for ApprovalDescription (the same cleaning keeps it readable on one line): line
     * breaks and other invisible characters become spaces, then shortened.
     */
    static String description(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION * 2));
        text.codePoints().forEach(cp -> clean.appendCodePoint(isDescriptionChar(cp) ? cp : ' '));
        return shorten(collapseSpaces(clean.toString()), MAX_DESCRIPTION);
    }

    /** For a CustomerMetadataProperties value: characters outside the allowed set become {@code _}. */
    static String metadataValue(String text) {
        StringBuilder clean = new StringBuilder();
        text.strip().codePoints().forEach(cp -> clean.appendCodePoint(isMetadataChar(cp) ? cp : '_'));
        String value = shorten(clean.toString(), MAX_METADATA_VALUE);
        return value.isEmpty() ? "unknown" : value;
    }

    private static boolean isDescriptionChar(int cp) {
        int type = Character.getType(cp);
        return switch (type) {
            // \p{L}
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    // \p{M}
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    // \p{N}
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    // \p{S}
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                    // \p{P}
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            // \p{Z} without the line and paragraph separators, which end a line like \n does
            case Character.SPACE_SEPARATOR -> true;
            default -> false; // control, format, unassigned, private use, lone surrogates, line/paragraph separators
        };
    }

    private static boolean isMetadataChar(int cp) {
        if (cp == '_' || cp == '.' || cp == ':' || cp == '/' || cp == '=' || cp == '+' || cp == '-' || cp == '@') {
            return true;
        }
        return Character.isLetter(cp) || Character.isDigit(cp) || Character.getType(cp) == Character.LETTER_NUMBER
                || Character.getType(cp) == Character.OTHER_NUMBER || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static String collapseSpaces(String text) {
        return text.replaceAll(" {2,}", " ").strip();
    }

    /** At most {@code max} UTF-16 units; when cut, ends with an ellipsis so that a reader sees it was shortened. */
    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // do not leave half of a surrogate pair
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
