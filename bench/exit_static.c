/* The exec baseline: a static C program that only exits. */
int main(void)
{
    return 0;
}
