from django.http import HttpResponse


def stub(request):  # replaced by the pages
    return HttpResponse("")
