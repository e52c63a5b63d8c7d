/* mix: CoreMark-like loop of linked-list, matrix and state-machine work.
 *
 * Written for this project (not CoreMark's code): each of MIX_ITERS iterations works on
 *  - a linked list of 128 nodes (key: a permutation of 0..127, val: a random byte): reverse
 *    it, merge-sort it stably by (val ^ 0x5b*it) & 0xff, find 8 keys by walking it, hash it;
 *  - two 12x12 matrices of 32-bit words: C = A*B, hash C, A += (C >> 4) & 7, B ^= it + row;
 *  - a 512-character text over "0123456789+-.eE, ": a switch-based state machine splits it
 *    into tokens at ',' and ' ' and counts integers, decimals, numbers with an exponent,
 *    invalid tokens and state changes; then 8 characters of the text are changed.
 * All arithmetic is on uint32_t (wrapping). expect.py models the same steps in Python (list
 * sort = sorted(), a plain state table) and gives the four results the check compares. */
#include "bench.h"

#define NN MIX_LIST_N
#define MN MIX_MAT_N
#define SLEN MIX_TEXT_LEN
#define NSYM 17

const char kernel_name[] = "mix";

struct node {
    struct node *next;
    uint32_t key, val;
};

static struct node pool[NN];
static struct node *head;
static uint32_t A[MN][MN], B[MN][MN], C[MN][MN];
static uint8_t text[SLEN]; /* indices into sym[] */
static const char sym[NSYM + 1] = "0123456789+-.eE, ";
static uint32_t list_acc, find_acc, mat_acc, state_acc;

/* ---- list ---- */

static struct node *reverse(struct node *h)
{
    struct node *prev = 0;
    while (h) {
        struct node *n = h->next;
        h->next = prev;
        prev = h;
        h = n;
    }
    return prev;
}

static inline uint32_t sort_key(const struct node *n, uint32_t mask)
{
    return (n->val ^ mask) & 0xff;
}

/* Stable: on equal keys the node of the first half goes first. */
static struct node *merge_sort(struct node *h, uint32_t mask)
{
    if (!h || !h->next)
        return h;
    struct node *slow = h, *fast = h->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *b = slow->next;
    slow->next = 0;
    struct node *a = merge_sort(h, mask);
    b = merge_sort(b, mask);
    struct node dummy, *t = &dummy;
    while (a && b) {
        if (sort_key(a, mask) <= sort_key(b, mask)) {
            t->next = a;
            a = a->next;
        } else {
            t->next = b;
            b = b->next;
        }
        t = t->next;
    }
    t->next = a ? a : b;
    return dummy.next;
}

static uint32_t find_pos(const struct node *h, uint32_t key)
{
    uint32_t pos = 0;
    for (; h; h = h->next, pos++)
        if (h->key == key)
            return pos;
    return NN;
}

static void list_step(uint32_t it)
{
    head = reverse(head);
    head = merge_sort(head, 0x5bu * it);
    for (uint32_t q = 0; q < 8; q++)
        find_acc += find_pos(head, (it * 13 + q * 29) & (NN - 1));
    uint32_t h = 0;
    for (const struct node *n = head; n; n = n->next)
        h = h * 33 + (n->val ^ (n->key << 8));
    list_acc += h;
}

/* ---- matrices ---- */

static void mat_step(uint32_t it)
{
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            uint32_t s = 0;
            for (int k = 0; k < MN; k++)
                s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
    uint32_t h = 0;
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            h = h * 31 + C[i][j];
    mat_acc += h;
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++) {
            A[i][j] += (C[i][j] >> 4) & 7;
            B[i][j] ^= it + (uint32_t)i;
        }
}

/* ---- state machine ---- */

enum { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPINT, S_BAD };
enum { T_INT, T_DEC, T_SCI, T_BAD, T_MOVES, T_N };

static inline void token_end(int st, uint32_t *cnt)
{
    switch (st) {
    case S_START:
        break;
    case S_INT:
        cnt[T_INT]++;
        break;
    case S_FRAC:
        cnt[T_DEC]++;
        break;
    case S_EXPINT:
        cnt[T_SCI]++;
        break;
    default:
        cnt[T_BAD]++;
        break;
    }
}

static void state_step(uint32_t it)
{
    uint32_t cnt[T_N] = {0, 0, 0, 0, 0};
    int st = S_START;
    for (int i = 0; i < SLEN; i++) {
        char c = sym[text[i]];
        int nx;
        if (c == ',' || c == ' ') {
            token_end(st, cnt);
            nx = S_START;
        } else if (c >= '0' && c <= '9') {
            switch (st) {
            case S_START: case S_SIGN: case S_INT: nx = S_INT; break;
            case S_DOT: case S_FRAC: nx = S_FRAC; break;
            case S_EXP: case S_EXPSIGN: case S_EXPINT: nx = S_EXPINT; break;
            default: nx = S_BAD; break;
            }
        } else if (c == '+' || c == '-') {
            nx = st == S_START ? S_SIGN : st == S_EXP ? S_EXPSIGN : S_BAD;
        } else if (c == '.') {
            nx = st == S_START || st == S_SIGN ? S_DOT : st == S_INT ? S_FRAC : S_BAD;
        } else { /* 'e', 'E' */
            nx = st == S_INT || st == S_FRAC ? S_EXP : S_BAD;
        }
        if (nx != st)
            cnt[T_MOVES]++;
        st = nx;
    }
    token_end(st, cnt);
    uint32_t h = 0;
    for (int k = 0; k < T_N; k++)
        h = h * 31 + cnt[k];
    state_acc += h;
    for (uint32_t k = 0; k < 8; k++) {
        uint32_t p = (it * 37 + k * 61) % SLEN;
        text[p] = (uint8_t)((text[p] + it + 1) % NSYM);
    }
}

/* ---- the kernel ---- */

void kernel_setup(void)
{
    uint32_t r = MIX_SEED;
    uint32_t perm[NN];
    for (uint32_t i = 0; i < NN; i++)
        perm[i] = i;
    for (uint32_t i = NN - 1; i > 0; i--) {
        uint32_t j = rng_next(&r) % (i + 1);
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (int i = 0; i < NN; i++) {
        pool[i].key = perm[i];
        pool[i].val = rng_next(&r) & 0xff;
        pool[i].next = i + 1 < NN ? &pool[i + 1] : 0;
    }
    head = &pool[0];
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            A[i][j] = (rng_next(&r) & 0x7f) - 64u;
    for (int i = 0; i < MN; i++)
        for (int j = 0; j < MN; j++)
            B[i][j] = (rng_next(&r) & 0x7f) - 64u;
    for (int i = 0; i < SLEN; i++)
        text[i] = (uint8_t)(rng_next(&r) % NSYM);
    list_acc = find_acc = mat_acc = state_acc = 0;
}

void __attribute__((noinline)) kernel_run(void)
{
    for (uint32_t it = 0; it < MIX_ITERS; it++) {
        list_step(it);
        mat_step(it);
        state_step(it);
    }
}

int kernel_check(void)
{
    if (list_acc != MIX_LIST) {
        check_report("list", list_acc, MIX_LIST);
        return 1;
    }
    if (find_acc != MIX_FIND) {
        check_report("find", find_acc, MIX_FIND);
        return 2;
    }
    if (mat_acc != MIX_MAT) {
        check_report("matrix", mat_acc, MIX_MAT);
        return 3;
    }
    if (state_acc != MIX_STATE) {
        check_report("state", state_acc, MIX_STATE);
        return 4;
    }
    return 0;
}
