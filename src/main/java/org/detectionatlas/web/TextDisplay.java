package org.detectionatlas.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Descriptions from ATT&amp;CK, the rules and the event dictionaries, shown as their first
 * paragraph with the little Markdown they use: {@code **bold**}, {@code `code`} and
 * {@code [label](url)} links. ATT&amp;CK technique links point to this catalog's technique pages,
 * other http(s) links stay external, and ATT&amp;CK's "(Citation: ...)" markers are dropped.
 * Everything else is written escaped.
 */
public final class TextDisplay {
    /** Maximum length of a description shown. A longer one is cut at a word boundary. */
    static final int MAX_LENGTH = 2_000;

    private static final Pattern INLINE = Pattern.compile(
            "\\*\\*(?<bold>[^*\\n]{1,500})\\*\\*"
            + "|`(?<code>[^`\\n]{1,500})`"
            + "|\\[(?<label>[^\\]\\n]{1,300})\\]\\((?<url>[^)\\s]{1,500})\\)"
            + "|(?<citation>\\(Citation: [^)\\n]{0,300}\\))"
            + "|</?code>");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+\\S.*");
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*([-*+]|\\d+\\.)\\s+(.*)");
    /** Maximum length of a document shown. */
    static final int MAX_DOCUMENT = 50_000;
    private static final Pattern ATTACK_TECHNIQUE = Pattern.compile(
            "https://attack\\.mitre\\.org/techniques/(T\\d{4})(?:/(\\d{3}))?/?");

    private TextDisplay() {}

    /** Returns the first paragraph of the text, cut to {@link #MAX_LENGTH} characters, with its inline marks. */
    public static Content firstParagraph(String text) {
        String paragraph = text == null ? "" : text.strip().split("\\n\\s*\\n", 2)[0].strip();
        return output -> write(output, shorten(paragraph), true);
    }

    /**
     * Returns a whole Markdown document (an Elastic rule's triage note or setup guide) as HTML
     * blocks: headings, paragraphs, lists, quotes and fenced code, each with the inline marks of
     * {@link #firstParagraph}. Text past {@link #MAX_DOCUMENT} characters is cut.
     */
    public static Content document(String text) {
        String cut = text == null ? "" : text.length() > MAX_DOCUMENT ? text.substring(0, MAX_DOCUMENT) + " …" : text;
        return output -> writeDocument(output, cut.lines().toList());
    }

    private static void writeDocument(TemplateOutput output, java.util.List<String> lines) {
        StringBuilder paragraph = new StringBuilder();
        String list = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            Matcher item = LIST_ITEM.matcher(line);
            boolean blockStart = trimmed.isEmpty() || trimmed.startsWith("```") || trimmed.startsWith("#")
                    || trimmed.startsWith(">") || item.matches();
            if (blockStart) {
                flushParagraph(output, paragraph);
            }
            if (list != null && !item.matches() && !trimmed.isEmpty()) {
                output.writeContent("</" + list + ">");
                list = null;
            }
            if (trimmed.startsWith("```")) {
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().startsWith("```")) {
                    code.append(lines.get(i)).append('\n');
                    i++;
                }
                output.writeContent("<pre class=\"prop\">");
                output.writeUserContent(code.toString());
                output.writeContent("</pre>");
            } else if (HEADING.matcher(trimmed).matches()) {
                output.writeContent("<h4>");
                write(output, trimmed.replaceFirst("^#+\\s*", ""), true);
                output.writeContent("</h4>");
            } else if (trimmed.startsWith(">")) {
                StringBuilder quote = new StringBuilder(trimmed.substring(1).strip());
                while (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith(">")) {
                    quote.append(' ').append(lines.get(++i).strip().substring(1).strip());
                }
                output.writeContent("<blockquote>");
                write(output, quote.toString(), true);
                output.writeContent("</blockquote>");
            } else if (item.matches()) {
                String kind = item.group(1).matches("\\d+\\.") ? "ol" : "ul";
                if (!kind.equals(list)) {
                    if (list != null) {
                        output.writeContent("</" + list + ">");
                    }
                    output.writeContent("<" + kind + ">");
                    list = kind;
                }
                output.writeContent("<li>");
                write(output, item.group(2), true);
                output.writeContent("</li>");
            } else if (!trimmed.isEmpty()) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(trimmed);
            }
            i++;
        }
        flushParagraph(output, paragraph);
        if (list != null) {
            output.writeContent("</" + list + ">");
        }
    }

    private static void flushParagraph(TemplateOutput output, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            output.writeContent("<p>");
            write(output, paragraph.toString(), true);
            output.writeContent("</p>");
            paragraph.setLength(0);
        }
    }

    static String shorten(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX_LENGTH);
        return text.substring(0, space > MAX_LENGTH / 2 ? space : MAX_LENGTH) + " …";
    }

    private static void write(TemplateOutput output, String text, boolean nested) {
        Matcher matcher = INLINE.matcher(text);
        int last = 0;
        while (matcher.find()) {
            output.writeUserContent(text.substring(last, matcher.start()));
            last = matcher.end();
            if (matcher.group("bold") != null) {
                output.writeContent("<strong>");
                if (nested) {
                    write(output, matcher.group("bold"), false);
                } else {
                    output.writeUserContent(matcher.group("bold"));
                }
                output.writeContent("</strong>");
            } else if (matcher.group("code") != null) {
                output.writeContent("<code>");
                output.writeUserContent(matcher.group("code"));
                output.writeContent("</code>");
            } else if (matcher.group("label") != null) {
                link(output, matcher.group("label"), matcher.group("url"));
            }
            // Citations and stray <code> tags are dropped.
        }
        output.writeUserContent(text.substring(last));
    }

    private static void link(TemplateOutput output, String label, String url) {
        Matcher technique = ATTACK_TECHNIQUE.matcher(url);
        String href;
        if (technique.matches()) {
            href = Urls.technique(technique.group(1) + (technique.group(2) == null ? "" : "." + technique.group(2)));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            href = url;
        } else {
            output.writeUserContent(label);
            return;
        }
        output.writeContent("<a href=\"" + attribute(href) + "\""
                + (href.startsWith("/") ? "" : " rel=\"noopener noreferrer\"") + ">");
        output.writeUserContent(label);
        output.writeContent("</a>");
    }

    private static String attribute(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
