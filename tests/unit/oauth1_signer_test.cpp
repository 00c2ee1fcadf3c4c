// The OAuth 1.0a signer against every vector of shared/testdata/oauth1-vectors.md.
#include <apirunner/oauth1.hpp>

#include <catch2/catch.hpp>

using namespace apirunner::oauth1;

namespace {

std::string signature_of(const Credentials& credentials, SigningInput input) {
    for (const auto& [name, value] : signed_parameters(credentials, input)) {
        if (name == "oauth_signature") {
            return value;
        }
    }
    return "";
}

const Credentials k_photos{"dpf43f3p2l4k3l03", "kd94hf93k423kf44", "", ""};

}  // namespace

TEST_CASE("V1: RFC 5849 1.2 temporary credentials, without oauth_version, https only") {
    SigningInput input{"POST",   "https://photos.example.net/initiate",
                       {},       {{"oauth_callback", "http://printer.example.com/ready"}},
                       "wIjqoS", 137131200};
    input.include_version = false;
    CHECK(signature_of(k_photos, input) == "74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
    input.url = "http://photos.example.net/initiate";
    CHECK(signature_of(k_photos, input) == "mIPx9sQqO97OuihOwUEyB7c4/GI=");
}

TEST_CASE("V2: RFC 5849 1.2 token request with oauth_verifier") {
    Credentials credentials = k_photos;
    credentials.token = "hh5s93j4hdidpola";
    credentials.token_secret = "hdhd0244k9j7ao03";
    SigningInput input{"POST",    "https://photos.example.net/token",
                       {},        {{"oauth_verifier", "hfdp7dh39dks9884"}},
                       "walatlh", 137131201};
    input.include_version = false;
    CHECK(signature_of(credentials, input) == "gKgrFCywp7rO0OXSjdot/IHF7IU=");
}

TEST_CASE("V3: RFC 5849 1.2 resource request, the query signed, and its base string") {
    Credentials credentials = k_photos;
    credentials.token = "nnch734d00sl2jdk";
    credentials.token_secret = "pfkkdhi9sl3r4s00";
    SigningInput input{"GET",    "http://photos.example.net/photos?file=vacation.jpg&size=original",
                       {},       {},
                       "chapoH", 137131202};
    input.include_version = false;
    CHECK(signature_of(credentials, input) == "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    CHECK(
        signature_base_string("GET", input.url,
                              {{"oauth_consumer_key", "dpf43f3p2l4k3l03"},
                               {"oauth_nonce", "chapoH"},
                               {"oauth_signature_method", "HMAC-SHA1"},
                               {"oauth_timestamp", "137131202"},
                               {"oauth_token", "nnch734d00sl2jdk"}}) ==
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%"
        "3Ddpf43f3p2l4k3l03"
        "%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
        "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
}

TEST_CASE("V4: OAuth Core 1.0 A.5 with oauth_version") {
    Credentials credentials = k_photos;
    credentials.token = "nnch734d00sl2jdk";
    credentials.token_secret = "pfkkdhi9sl3r4s00";
    SigningInput input{"GET",
                       "http://photos.example.net/photos?file=vacation.jpg&size=original",
                       {},
                       {},
                       "kllo9940pd9333jh",
                       1191242096};
    CHECK(signature_of(credentials, input) == "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
}

namespace {

const Params k_v5_params = {{"b5", "=%3D"},
                            {"a3", "a"},
                            {"c@", ""},
                            {"a2", "r b"},
                            {"oauth_consumer_key", "9djdj82h48djs9d2"},
                            {"oauth_token", "kkk9d7dh3k39sjv7"},
                            {"oauth_signature_method", "HMAC-SHA1"},
                            {"oauth_timestamp", "137131201"},
                            {"oauth_nonce", "7d8f3e4a"},
                            {"c2", ""},
                            {"a3", "2 q"}};

const char* k_v5_base =
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%"
    "25253D"
    "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
    "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%"
    "3Dkkk9d7dh3k39sjv7";

}  // namespace

TEST_CASE("V5: normalisation keeps duplicate names and sorts by name then value") {
    CHECK(
        normalize_parameters(k_v5_params) ==
        "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_"
        "nonce=7d8f3e4a"
        "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7");
    CHECK(signature_base_string("POST", "http://example.com/request", k_v5_params) == k_v5_base);
}

TEST_CASE("V6: HMAC-SHA1, HMAC-SHA256 and PLAINTEXT of the V5 base string") {
    const std::string consumer = "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ";
    const std::string token = "just-a-string    asdasd";
    CHECK(signature(SignatureMethod::hmac_sha1, k_v5_base, consumer, token) ==
          "wsdNmjGB7lvis0UJuPAmjvX/PXw=");
    CHECK(signature(SignatureMethod::hmac_sha256, k_v5_base, consumer, token) ==
          "wdfdHUKXHbOnOGZP8WFAWMSAmWzN3EVBWWgXGlC/Eo4=");
    CHECK(signature(SignatureMethod::plaintext, k_v5_base, consumer, token) ==
          "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&just-a-string%20%20%20%20asdasd");
}

TEST_CASE("V7: a form body and a query are both signed") {
    Credentials credentials{"xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                            "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"};
    SigningInput input{"POST",
                       "https://api.twitter.com/1/statuses/update.json?include_entities=true",
                       {{"status", "Hello Ladies + Gentlemen, a signed OAuth request!"}},
                       {},
                       "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
                       1318622958};
    CHECK(signature_of(credentials, input) == "tnnArxj06cWHq44gCs1OSKk/jLY=");
}

TEST_CASE("V8: a request-token call with a callback URL") {
    Credentials credentials{"cChZNFj6T5R0TigYB9yd1w", "L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg",
                            "", ""};
    SigningInput input{"POST",
                       "https://api.twitter.com/oauth/request_token",
                       {},
                       {{"oauth_callback", "http://localhost/sign-in-with-twitter/"}},
                       "ea9ec8429b68d6b77cd5600adbbb0456",
                       1318467427};
    CHECK(signature_of(credentials, input) == "F1Li3tvehgcraF8DMJ7OyxO4w9Y=");
}

TEST_CASE("V9: V1 with oauth_version, as Poco always sends it") {
    SigningInput input{"POST",   "https://photos.example.net/initiate",
                       {},       {{"oauth_callback", "http://printer.example.com/ready"}},
                       "wIjqoS", 137131200};
    CHECK(signature_of(k_photos, input) == "msrTmwtDEKqeVXeJaufuiXOpbJI=");
}

TEST_CASE("V10: the oob callback of programmatic logins") {
    SigningInput input{"POST",  "https://api.example.com/oauth/initiate",
                       {},      {{"oauth_callback", "oob"}},
                       "n0nce", 1700000000};
    CHECK(signature_of(Credentials{"ck", "cs", "", ""}, input) == "2XrKfseJ7EjvcauAFMMlBCXKhoI=");
}

TEST_CASE("V11: duplicate names all count (Poco 1.11 drops one and gets it wrong)") {
    Params params = k_v5_params;
    params.emplace_back("oauth_version", "1.0");
    const std::string base = signature_base_string("POST", "http://example.com/request", params);
    CHECK(signature(SignatureMethod::hmac_sha1, base, "cs", "ts") ==
          "5xyuQjjTeCqKOUByLtNOhiuMT3w=");
}

TEST_CASE("base-string URIs: lower-case scheme and host, default port dropped, query removed") {
    CHECK(base_string_uri("http://EXAMPLE.COM:80/r%20v/X?id=123") == "http://example.com/r%20v/X");
    CHECK(base_string_uri("https://www.example.net:8080/?q=1") == "https://www.example.net:8080/");
    CHECK(base_string_uri("https://a.test:443") == "https://a.test/");
}

TEST_CASE("the Authorization header quotes encoded values and puts realm first, unsigned") {
    SigningInput input{"POST",  "https://api.example.com/oauth/initiate",
                       {},      {{"oauth_callback", "oob"}},
                       "n0nce", 1700000000};
    input.realm = "ox3";
    const std::string header = authorization_header(Credentials{"ck", "cs", "", ""}, input);
    CHECK(header.rfind("OAuth realm=\"ox3\", oauth_consumer_key=\"ck\"", 0) == 0);
    CHECK_THAT(header, Catch::Contains("oauth_signature=\"2XrKfseJ7EjvcauAFMMlBCXKhoI%3D\""));
    CHECK_THAT(header, Catch::Contains("oauth_callback=\"oob\""));
}

TEST_CASE("form bodies decode '+' as a space and %2B as a plus") {
    CHECK(parse_form("a=1&b=x+y%2Bz&c") == Params{{"a", "1"}, {"b", "x y+z"}, {"c", ""}});
}
