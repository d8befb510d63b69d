#define _XOPEN_SOURCE 700
#include "CNcurses.h"
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <ncursesw/term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

static SCREEN *screen;
static FILE *input;
static FILE *output;
// Signal handlers may only touch a flag of this type.
static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t continued;

static void prepare_crash_restore(int mouse);
static void install_crash_handlers(void);

// What a crash handler needs to give the terminal back, prepared while curses runs, because a
// handler may call only async-signal-safe functions (write, tcsetattr, sigaction, raise): the
// modes from before curses, the escape sequences that leave curses' screen, and a note to print
// after them. One process has one terminal, so these are process-wide (ARCHITECTURE.md §3).
static struct termios modes_before;
static int have_modes_before;
static int restore_fd = -1;
static char restore_seq[512];
static size_t restore_len;
static char crash_note[1024];
static size_t crash_note_len;
// Set while curses owns the screen; the crash path restores only then.
static volatile sig_atomic_t screen_active;
static const int crash_signals[] = {SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV};
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction crash_previous[CRASH_SIGNAL_COUNT];

int sitmon_start(int input_fd) {
    input = fdopen(dup(input_fd), "r");
    output = fdopen(dup(STDOUT_FILENO), "w");
    if (!input || !output) return -1;
    restore_fd = fileno(output);
    have_modes_before = tcgetattr(restore_fd, &modes_before) == 0;
    // Esc must answer at once, not after curses' default second.
    set_escdelay(25);
    screen = newterm(NULL, output, input);
    if (!screen) return -1;
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    idlok(stdscr, TRUE);
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    prepare_crash_restore(0);
    install_crash_handlers();
    screen_active = 1;
    return 0;
}

void sitmon_end(void) {
    if (!screen) return;
    screen_active = 0;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    fflush(output);
}

int sitmon_lines(void) { return LINES; }
int sitmon_cols(void) { return COLS; }
int sitmon_colors(void) { return COLORS; }
int sitmon_color_pairs(void) { return COLOR_PAIRS; }
int sitmon_has_colors(void) { return has_colors() ? 1 : 0; }

attr_t sitmon_attributes(int bold, int dim, int reverse, int underline) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (dim) a |= A_DIM;
    if (reverse) a |= A_REVERSE;
    if (underline) a |= A_UNDERLINE;
    return a;
}

int sitmon_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }

void sitmon_draw(int y, int x, const char *utf8, attr_t attributes, int pair) {
    wattr_set(stdscr, attributes, (short)pair, NULL);
    mvwaddstr(stdscr, y, x, utf8);
}

void sitmon_clear_all(void) { clearok(curscr, TRUE); }

void sitmon_flush(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

int sitmon_read_key(uint32_t *code) {
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    *code = (uint32_t)ch;
    return r;
}

int sitmon_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mouseinterval(0);
    int on = mousemask(wanted, NULL) != 0;
    if (on) prepare_crash_restore(1);
    return on ? 1 : 0;
}

int sitmon_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

int sitmon_wcwidth(uint32_t code) { return wcwidth((wchar_t)code); }

static void restore_screen(void);
// The signal that asked sitmon to end, kept for the watchdog below.
static volatile sig_atomic_t ending_signal;

// The loop normally ends within a turn of seeing the flag. Should one step of it be busy for
// longer (a huge batch being stored), this fires first: the terminal is given back and the
// process ends as the signal asked, so INT, TERM and HUP always end sitmon within a second.
static void on_watchdog(int sig) {
    (void)sig;
    restore_screen();
    _exit(128 + (ending_signal ? ending_signal : SIGTERM));
}

static void on_signal(int sig) {
    caught_signal = sig;
    if (ending_signal) return;
    ending_signal = sig;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_watchdog;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    timer.it_value.tv_usec = 800000;
    setitimer(ITIMER_REAL, &timer, NULL);
}
static void on_continue(int sig) {
    (void)sig;
    continued = 1;
}

void sitmon_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    // No SA_RESTART: the signal must interrupt poll() so the loop sees the flag at once.
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    // SIGTSTP stays with curses (it restores the terminal before stopping); on SIGCONT the loop
    // repaints everything, since the terminal may have been used by something else meanwhile.
    sa.sa_handler = on_continue;
    sigaction(SIGCONT, &sa, NULL);
}

int sitmon_take_continued(void) {
    int c = continued;
    continued = 0;
    return c;
}

int sitmon_take_signal(void) {
    int sig = caught_signal;
    caught_signal = 0;
    return sig;
}

// ---- The crash path: give the terminal back, then let the signal take its course.

static void append_restore(const char *text) {
    if (!text || text == (const char *)-1) return;
    size_t n = strlen(text);
    if (restore_len + n >= sizeof restore_seq) return;
    memcpy(restore_seq + restore_len, text, n);
    restore_len += n;
}

// The terminal's own strings for leaving curses (from terminfo), plus mouse reports off.
static void prepare_crash_restore(int mouse) {
    restore_len = 0;
    append_restore(tigetstr("sgr0"));
    append_restore(tigetstr("cnorm"));
    append_restore(tigetstr("rmkx"));
    // xterm-style mouse reporting, as curses turns it on; ignored by terminals without it.
    if (mouse) append_restore("\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
    append_restore(tigetstr("rmcup"));
    append_restore("\r\n");
}

void sitmon_set_crash_note(const char *note) {
    size_t n = strlen(note);
    if (n >= sizeof crash_note) n = sizeof crash_note - 1;
    memcpy(crash_note, note, n);
    crash_note_len = n;
}

static void write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, text, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text += n;
        length -= (size_t)n;
    }
}

// Async-signal-safe: only write and tcsetattr. Once: after it (or endwin) curses is done.
static void restore_screen(void) {
    if (!screen_active) return;
    screen_active = 0;
    write_all(restore_fd, restore_seq, restore_len);
    if (have_modes_before) tcsetattr(restore_fd, TCSANOW, &modes_before);
}

static void give_back_terminal(void) {
    int was_active = screen_active;
    restore_screen();
    if (was_active) write_all(STDERR_FILENO, crash_note, crash_note_len);
}

static void on_crash(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    give_back_terminal();
    // Hand over to whoever had the signal before (the Swift runtime's backtracer, told at start
    // not to wait for a key), then make sure the default action ends the process: a fault
    // re-executes and hits it, a sent signal is pending until this handler returns.
    struct sigaction previous;
    memset(&previous, 0, sizeof previous);
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == sig) previous = crash_previous[i];
    }
    sigaction(sig, &previous, NULL);
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    raise(sig);
    errno = saved_errno;
}

static void install_crash_handlers(void) {
    static int installed;
    if (installed) return;
    installed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sigemptyset(&sa.sa_mask);
    // On the alternate stack the runtime set up, so a stack overflow is caught too.
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &sa, &crash_previous[i]);
    }
}
