from baspa.content.tests.factories import make_article


def test_article_page_renders(client, politics, author):
    article = make_article(politics, "Астанада жаңа мектеп ашылды", authors=[author])
    response = client.get(article.url)
    assert response.status_code == 200, response.content[:2000]
    print(response.content.decode()[:6000])
