using System.Text;
using JasperFx.Events;
using Microsoft.Extensions.Configuration;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.Contracts;

namespace RedProperty.Overview.Tests;

/// <summary>
/// Nothing personal on the public feed, by construction: every contract, with every text field holding
/// a name, a mobile number, an e-mail address and an ID number, either leaves that field out of its public
/// copy or has its public copy withheld; never does one of them reach the public exchange.
/// </summary>
public sealed class PublicFeedPersonalDataTests
{
    private const string Phone = "13893800123";
    private const string Email = "wangjg@example.cn";
    private const string IdNumber = "620599198507150026";
    private const string Personal = $"王建国 {Phone} {Email} {IdNumber}";

    [Fact]
    public async Task No_contract_carries_a_phone_number_an_email_address_or_an_ID_number_onto_the_public_feed()
    {
        await using var publisher = new CloudEventsPublisher(new Uri("amqp://guest:guest@127.0.0.1:1/"), "test", new ConfigurationBuilder().Build());
        var sent = new List<string>();
        var withheld = new List<string>();
        foreach (var contract in PublicEvents.Contracts)
        {
            var stored = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(contract), Filled(contract))!;
            stored.Id = Guid.NewGuid();
            stored.StreamId = Guid.NewGuid();
            stored.Timestamp = DateTimeOffset.UtcNow;
            try
            {
                var body = Encoding.UTF8.GetString(publisher.Encode(stored, stored.Data).Body.Span);
                Assert.DoesNotContain(Phone, body, StringComparison.Ordinal);
                Assert.DoesNotContain(Email, body, StringComparison.Ordinal);
                Assert.DoesNotContain(IdNumber, body, StringComparison.Ordinal);
                sent.Add(contract.Name);
            }
            catch (PersonalDataWithheldException e)
            {
                Assert.DoesNotContain(Phone, e.Message, StringComparison.Ordinal); // the field is named, never its text
                withheld.Add(contract.Name);
            }
        }

        // Both outcomes occur: contracts without text (ids, dates, counts) go out, those with names of
        // things (companies, estates) carrying such text are held back, and the free-text ones are left out.
        Assert.Contains(nameof(Contracts.Evaluation.V1.ComplaintOverdue), sent);
        Assert.Contains(nameof(Contracts.Organization.V1.PropertyCompanyRegistered), withheld);
        Assert.Contains(nameof(Contracts.Volunteering.V1.DisputeEscalated), sent);
        Assert.Contains(nameof(Contracts.Organization.V1.InstructorVisitRecorded), sent);
    }

    [Theory]
    [InlineData("联系人王建国，电话13893800123", true)]
    [InlineData("请发邮件至 wangjg@example.cn", true)]
    [InlineData("身份证620599198507150026", true)]
    [InlineData("身份证62059919850715002x", false)] // wrong check character
    [InlineData("91620503MA72XKQJ3T", false)] // a unified social credit code
    [InlineData("916205037100000001", false)] // one of digits only: no birth date in it
    [InlineData("0193a5c2-1d2e-7c4f-9b1a-138938001230", false)]
    [InlineData("0193a5c2-1d2e-7c4f-9b1a-b13893800123", false)] // an id whose last part holds a mobile number's digits
    [InlineData("2022Q2 红苑物业 3号楼2单元", false)]
    public void Text_that_looks_personal_is_recognised(string text, bool personal) =>
        Assert.Equal(personal, PublicJson.PersonalDataIn(System.Text.Json.JsonSerializer.SerializeToElement(new { text })) is not null);

    // An instance of a contract with every text field (and list of texts) holding personal-looking text.
    private static object Filled(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => ValueOf(p.ParameterType))]);
    }

    private static object? ValueOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return Personal;
        }

        if (underlying == typeof(Guid))
        {
            return Guid.NewGuid();
        }

        if (underlying == typeof(DateOnly))
        {
            return new DateOnly(2022, 6, 30);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2022, 6, 30, 9, 0, 0, TimeSpan.FromHours(8));
        }

        if (underlying.IsPrimitive || underlying == typeof(decimal))
        {
            return Convert.ChangeType(1, underlying, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var key, var value] && underlying.Name.StartsWith("IReadOnlyDictionary", StringComparison.Ordinal))
        {
            var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            dictionary.Add(ValueOf(key)!, ValueOf(value));
            return dictionary;
        }

        if (underlying.IsGenericType && underlying.GetGenericArguments() is [var item])
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(ValueOf(item));
            return list;
        }

        return Filled(underlying);
    }
}
