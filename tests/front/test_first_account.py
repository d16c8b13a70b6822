from django.contrib.auth.models import User
from django.core.management import call_command


def test_it_prints_a_working_password_once(db, capsys):
    call_command("create_first_account")
    output = capsys.readouterr().out
    password = output.split("password: ")[1].split()[0]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    call_command("create_first_account")
    assert capsys.readouterr().out == ""
    assert User.objects.count() == 1


def test_it_makes_a_new_password_each_time(db, capsys):
    call_command("create_first_account")
    first = capsys.readouterr().out.split("password: ")[1].split()[0]
    User.objects.all().delete()
    call_command("create_first_account")
    assert capsys.readouterr().out.split("password: ")[1].split()[0] != first
