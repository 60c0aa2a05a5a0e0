"""`agentlint policy test`: replay bad runs as cases and test the policy against them."""
