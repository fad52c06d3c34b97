using RedProperty.Organization.Companies;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Companies;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91110000802100433B")]
    [InlineData("9144030071526726XG")]
    [InlineData("91110108551385082Q")]
    [InlineData("91440300708461136T")]
    public void Published_codes_of_real_companies_pass(string code) =>
        Assert.True(UnifiedSocialCreditCode.HasValidCheckCharacter(code));

    [Theory]
    [InlineData("91110000802100433C")] // check character off by one
    [InlineData("9144030071526726GX")] // last two swapped
    [InlineData("91110108551385082")] // 17 characters
    [InlineData("91110000802100433O")] // O is not in the alphabet
    public void Codes_with_a_wrong_check_length_or_alphabet_fail(string code) =>
        Assert.False(UnifiedSocialCreditCode.HasValidCheckCharacter(code));

    [Fact]
    public void Agrees_with_the_independent_test_generator()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = CreditCodes.Next();
            Assert.True(UnifiedSocialCreditCode.HasValidCheckCharacter(code), code);
        }
    }

    [Fact]
    public void Normalize_trims_and_uppercases_what_people_type() =>
        Assert.Equal("9144030071526726XG", UnifiedSocialCreditCode.Normalize(" 9144030071526726xg "));
}
