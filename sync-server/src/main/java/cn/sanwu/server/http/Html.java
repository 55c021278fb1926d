package cn.sanwu.server.http;

import java.util.List;

/**
 * HTML for the public pages, escaped by default: {@link #of} fills each {@code {}} of a template
 * with its argument HTML-escaped, unless the argument is already {@link Safe} (made by this class).
 * There is no other way to put a string into a page, so forgetting to escape cannot happen by
 * omission. Stateless.
 */
public final class Html {

    /** Markup that is already safe: built by {@link #of} or {@link #join} only. */
    public static final class Safe {
        private final String html;

        private Safe(String html) {
            this.html = html;
        }

        @Override
        public String toString() {
            return html;
        }
    }

    public static final Safe EMPTY = new Safe("");

    private Html() {
    }

    /** Escapes &amp; &lt; &gt; &quot; &#39; — safe in text and in quoted attribute values. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The template (a literal written in code) with each {@code {}} replaced by an argument, escaped unless Safe. */
    public static Safe of(String template, Object... args) {
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int arg = 0;
        int from = 0;
        for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
            if (arg >= args.length) {
                throw new IllegalArgumentException("more {} than arguments in: " + template);
            }
            sb.append(template, from, at);
            Object value = args[arg++];
            sb.append(value instanceof Safe safe ? safe.html : escape(value == null ? "" : String.valueOf(value)));
            from = at + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("more arguments than {} in: " + template);
        }
        return new Safe(sb.append(template, from, template.length()).toString());
    }

    /**
     * A bundle text (our own properties file, never user input; it may hold markup) with each
     * {@code {0}}, {@code {1}}… replaced by that argument, escaped unless Safe. Not MessageFormat:
     * no quoting rules (an apostrophe is just an apostrophe) and numbers print without grouping.
     */
    public static Safe message(String template, Object... args) {
        return new Safe(fill(template, args, true));
    }

    /** {@link #message} without escaping: plain text that goes through {@link #of} afterwards. */
    static String fillText(String template, Object... args) {
        return fill(template, args, false);
    }

    private static String fill(String template, Object[] args, boolean escape) {
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(template.substring(i + 1, close));
                if (n >= args.length) {
                    throw new IllegalArgumentException("no argument {" + n + "} for: " + template);
                }
                Object value = args[n];
                sb.append(value instanceof Safe safe ? safe.html
                        : escape ? escape(value == null ? "" : String.valueOf(value)) : String.valueOf(value));
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    public static Safe join(List<Safe> parts) {
        StringBuilder sb = new StringBuilder();
        for (Safe p : parts) {
            sb.append(p.html);
        }
        return new Safe(sb.toString());
    }

    /** Escaped text with its line breaks kept as {@code <br>}. */
    public static Safe multiline(String text) {
        return new Safe(escape(text).replace("\r\n", "\n").replace("\n", "<br>"));
    }
}
