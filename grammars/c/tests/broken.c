// hive: errors=1
// A file in the middle of an edit: definitions around the broken one are still found.

struct node {
    //  ^ definition.struct node
    int value;
    //  ^ definition.field node.value
    struct node *next;
    //           ^ definition.field node.next
};

int list_length(const struct node *head) {
    // ^ definition.function list_length
    int n = 0;
    while (head) {
        n++;
        head = head->next
    }
    return n;
}

static int half(int x) {
    //     ^ definition.function half
    return x / ;
}

/* Frees every node of a list. */
void list_free(struct node *head);
//   ^ definition.function list_free doc="Frees every node of a list."

/* Two headers for one body confuse the parser: what follows is read inside an error. */
#ifdef LEGACY_API
int list_sum(const struct node *head) {
#else
long list_sum(const struct node *head) {
//   ^ definition.function list_sum
#endif
    return head ? head->value : 0;
}

int list_count(const struct node *head);
//  ^ definition.function list_count
extern int list_errors;
//         ^ definition.variable list_errors
