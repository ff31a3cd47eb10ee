/* make bench: a C unikernel whose main returns at once, for OCaml start-up. */
int main(void)
{
    return 0;
}
