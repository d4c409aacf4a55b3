// The parts of ncursesw (wide-character API) skydash uses, made visible to Swift.
// Swift does not import function-like macros (COLOR_PAIR, A_BOLD, KEY_F…) or some globals
// cleanly, so small inline wrappers expose them.
#ifndef SKYDASH_CNCURSESW_SHIM_H
#define SKYDASH_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

/// newterm on the process's stdout/stdin; NULL (instead of exiting) when the terminal is unusable.
static inline SCREEN *skd_newterm(void) { return newterm(NULL, stdout, stdin); }

/// 1 when the terminal opened by newterm can move the cursor (terminfo `cup`); TERM=dumb cannot.
static inline int skd_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

static inline WINDOW *skd_stdscr(void) { return stdscr; }
static inline int skd_lines(void) { return LINES; }
static inline int skd_cols(void) { return COLS; }
static inline int skd_colors(void) { return COLORS; }
static inline int skd_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t skd_a_normal(void) { return A_NORMAL; }
static inline attr_t skd_a_bold(void) { return A_BOLD; }
static inline attr_t skd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t skd_a_reverse(void) { return A_REVERSE; }
static inline attr_t skd_a_dim(void) { return A_DIM; }
static inline attr_t skd_a_blink(void) { return A_BLINK; }
static inline attr_t skd_a_standout(void) { return A_STANDOUT; }
#ifdef A_ITALIC
static inline attr_t skd_a_italic(void) { return A_ITALIC; }
#else
static inline attr_t skd_a_italic(void) { return A_NORMAL; }
#endif

static inline int skd_key_resize(void) { return KEY_RESIZE; }

/// Puts one character cell (a grapheme given as up to CCHARW_MAX wide chars, NUL-terminated) at y, x.
static inline int skd_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

static inline int skd_is_utf8_locale(void) {
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL) return 0;
    return (cs[0] == 'U' || cs[0] == 'u') && (cs[1] == 'T' || cs[1] == 't') && (cs[2] == 'F' || cs[2] == 'f');
}

#endif
